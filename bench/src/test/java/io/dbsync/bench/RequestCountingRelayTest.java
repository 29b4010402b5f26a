package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbsync.bench.wire.RequestCounter;
import io.dbsync.bench.wire.WireBytes;
import io.dbsync.bench.wire.WireMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's request counting over real sockets: a wire-protocol peer that answers every request, and the real driver. */
class RequestCountingRelayTest {
    private ServerSocket upstream;

    @BeforeEach
    void startAnsweringServer() throws IOException {
        upstream = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket socket = upstream.accept();
                    Thread answerer = new Thread(() -> answer(socket));
                    answerer.setDaemon(true);
                    answerer.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Reads each message and answers it with {ok: 1}, as a server does, unless it asked for no reply. */
    private static void answer(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            int replyId = 1000;
            while (true) {
                byte[] header = new byte[16];
                in.readFully(header);
                ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                byte[] rest = new byte[fields.getInt(0) - 16];
                in.readFully(rest);
                boolean moreToCome = (ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 2) != 0;
                if (!moreToCome) {
                    out.write(WireBytes.opMsg(replyId++, fields.getInt(4), 0, new BsonDocument("ok", new BsonInt32(1)), null));
                }
            }
        } catch (IOException closed) {
            // the relay closed the connection
        }
    }

    @AfterEach
    void stop() throws IOException {
        upstream.close();
    }

    @Test
    void countsEachRequestOfEachConnectionAndEveryAnsweredRoundTrip() throws Exception {
        try (DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()), 0);
             Socket first = new Socket("127.0.0.1", relay.port());
             Socket second = new Socket("127.0.0.1", relay.port())) {
            exchange(first, 1, "hello", "");
            exchange(first, 2, "find", "orders");
            exchange(first, 3, "getMore", "orders");
            exchange(second, 1, "insert", "customers");
            // a request that asks for no reply: counted, but no round trip
            second.getOutputStream().write(WireBytes.opMsg(2, 0, 2, new BsonDocument("insert", new BsonString("customers")), null));
            exchange(second, 3, "listCollections", "");

            Map<String, Object> counts = relay.counter().snapshot(0);

            assertThat(counts).containsEntry("requests", 5L).containsEntry("overheadRequests", 1L)
                    .containsEntry("replies", 5L);
            assertThat(counts.get("connections")).isEqualTo(Map.of(
                    "1", Map.of("requests", 2L, "overheadRequests", 1L),
                    "2", Map.of("requests", 3L, "overheadRequests", 0L)));
            assertThat(counts.get("byCollection")).isEqualTo(Map.of("orders", 2L, "customers", 2L, "(database)", 1L));
            assertThat((List<?>) counts.get("intervals")).hasSize(5);
        }
    }

    @Test
    void countsTheWholeMessageWhenTheClientSendsItOneByteAtATime() throws Exception {
        try (DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()), 0);
             Socket client = new Socket("127.0.0.1", relay.port())) {
            client.setTcpNoDelay(true);
            byte[] request = WireBytes.opMsg(7, 0, 0, new BsonDocument("count", new BsonString("events")), null);
            for (byte b : request) {
                client.getOutputStream().write(b);
                client.getOutputStream().flush();
            }
            readReply(client);

            assertThat(relay.counter().snapshot(-1)).containsEntry("requests", 1L)
                    .containsEntry("bytesUp", (long) request.length);
        }
    }

    @Test
    void countsTheDriversCommandsOnARealServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        try (DelayRelay relay = new DelayRelay(new InetSocketAddress("127.0.0.1", server.getLocalAddress().getPort()), 0,
                RequestCounter.onSystemClock());
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + relay.port())) {
            MongoCollection<Document> things = client.getDatabase("shop").getCollection("things");
            things.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
            List<Document> found = things.find().into(new ArrayList<>());

            Map<String, Object> counts = relay.counter().snapshot(-1);

            assertThat(found).hasSize(3);
            assertThat(counts.get("byCommand")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Long.class))
                    .containsEntry("insert", 1L).containsEntry("find", 1L);
            assertThat(counts.get("byCollection")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Long.class))
                    .containsEntry("things", 2L);
            assertThat((Long) counts.get("overheadRequests")).isPositive(); // the driver's handshakes
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            server.shutdownNow();
        }
    }

    private static void exchange(Socket socket, int requestId, String command, String collection) throws IOException {
        BsonDocument body = new BsonDocument(command, collection.isEmpty() ? new BsonInt32(1) : new BsonString(collection));
        socket.getOutputStream().write(WireBytes.opMsg(requestId, 0, 0, body, null));
        WireMessage reply = readReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
    }

    private static WireMessage readReply(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[16];
        in.readFully(header);
        byte[] whole = new byte[ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(0)];
        System.arraycopy(header, 0, whole, 0, 16);
        in.readFully(whole, 16, whole.length - 16);
        return WireMessage.decode(whole, whole.length);
    }
}
