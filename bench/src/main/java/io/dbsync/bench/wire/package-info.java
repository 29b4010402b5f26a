/** Reading MongoDB wire-protocol message headers off a relayed byte stream, to count a run's requests and round trips. */
package io.dbsync.bench.wire;
