package io.dbsync.api.sync.snapshot;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every HTTP request an S3 client puts on the wire (method, path, query names, the
 * encryption header and the payload's length, before any aws-chunked framing), so a test can check what S3Mock does not keep: it drops the
 * encryption asked for at CreateMultipartUpload, which real S3 applies to the completed object.
 */
final class WireLog implements ExecutionInterceptor {
    record Request(String method, String path, List<String> query, Optional<String> encryption, long contentLength) {
        boolean isCreateMultipartUpload() {
            return method.equals("POST") && query.contains("uploads");
        }

        boolean isUploadPart() {
            return method.equals("PUT") && query.contains("partNumber");
        }

        boolean isPutObject() {
            return method.equals("PUT") && query.isEmpty();
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest http = context.httpRequest();
        requests.add(new Request(http.method().name(), http.encodedPath(), List.copyOf(http.rawQueryParameters().keySet()),
                http.firstMatchingHeader("x-amz-server-side-encryption"),
                http.firstMatchingHeader("x-amz-decoded-content-length").or(() -> http.firstMatchingHeader("Content-Length"))
                        .map(Long::parseLong).orElse(-1L)));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }
}
