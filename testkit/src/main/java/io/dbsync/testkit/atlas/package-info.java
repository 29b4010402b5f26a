/** An Atlas free-tier (M0 / Flex) profile for mongo-java-server: Atlas's storage quota, name and count limits, refused commands and operations budget, for tests, the demo and the benchmark. */
package io.dbsync.testkit.atlas;
