package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelayRelayTest {
    private ServerSocket echo;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread copier = new Thread(() -> {
                        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // closed
                        }
                    });
                    copier.setDaemon(true);
                    copier.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    @Test
    void neverAnswersBeforeTheRoundTripAndKeepsTheBytesInOrder() throws Exception {
        long oneWay = TimeUnit.MILLISECONDS.toNanos(5);
        try (DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", echo.getLocalPort()), oneWay);
             Socket socket = new Socket("127.0.0.1", relay.port())) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                socket.getOutputStream().write(new byte[] {(byte) i, (byte) (i + 1)});
                byte[] back = new byte[2];
                in.readFully(back);
                long rtt = System.nanoTime() - started;
                assertThat(back).containsExactly((byte) i, (byte) (i + 1));
                // Only the lower bound: the relay holds each chunk until it is due, however busy the machine is;
                // how much later it arrives depends on the machine (an upper bound flaked under load).
                assertThat(rtt).isGreaterThanOrEqualTo(2 * oneWay);
            }
        }
    }

    @Test
    void delaysLatencyWithoutLimitingBandwidth() throws Exception {
        // 400 writes of 16 KB with a 20 ms one-way delay: serialised that would take 16 s; pipelined, ~40 ms plus
        // copying. The bound is half the serialised time, so only a relay that waits per chunk can fail it.
        long oneWay = TimeUnit.MILLISECONDS.toNanos(20);
        int writes = 400;
        byte[] chunk = new byte[16 * 1024];
        try (DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", echo.getLocalPort()), oneWay);
             Socket socket = new Socket("127.0.0.1", relay.port())) {
            long started = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < writes; i++) {
                        chunk[0] = (byte) i;
                        socket.getOutputStream().write(chunk);
                    }
                } catch (IOException ignored) {
                    // the assertion below fails instead
                }
            });
            writer.start();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] back = new byte[chunk.length * writes];
            in.readFully(back);
            writer.join();
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(8));
        }
    }
}
