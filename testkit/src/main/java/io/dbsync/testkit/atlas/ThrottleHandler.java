package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Queues a connection's operations while the operations budget is spent, the way Atlas describes its
 * throttle ("resumes processing of the queued operations on each connection before processing any new
 * operations on that connection"): in order per connection, never refused.
 *
 * <p>It sits in the connection's netty pipeline just before mongo-java-server's handler and delays by
 * scheduling the message on the connection's event loop, so a waiting connection blocks no thread;
 * other connections on the same event loop, and the driver's heartbeats, go on meanwhile.
 * mongo-java-server offers no hook into its pipeline, so the profile adds this handler when it first
 * sees a connection (that first message is the driver's handshake, which the budget does not count).
 */
final class ThrottleHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "atlas-operations-budget";

    private final OperationBudget budget;
    private final OperationCounters counters;
    private final Queue<Object> queued = new ArrayDeque<>();
    private boolean waiting; // only touched on the connection's event loop

    private ThrottleHandler(OperationBudget budget, OperationCounters counters) {
        this.budget = budget;
        this.counters = counters;
    }

    /** Adds the handler to this connection once; on the event loop that runs the connection. */
    static void installOn(Channel channel, OperationBudget budget, OperationCounters counters) {
        if (channel == null || budget == null) {
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandlerContext database = pipeline.context(MongoDatabaseHandler.class);
        if (database == null || pipeline.get(NAME) != null) {
            return;
        }
        pipeline.addBefore(database.name(), NAME, new ThrottleHandler(budget, counters));
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (waiting) {
            queued.add(message);
        } else {
            admit(context, message);
        }
    }

    private void admit(ChannelHandlerContext context, Object message) {
        long waitNanos = Commands.isOperation(Commands.nameOf(message)) ? budget.reserveNanos() : 0;
        if (waitNanos <= 0) {
            context.fireChannelRead(message);
            return;
        }
        waiting = true;
        counters.recordDelay(waitNanos);
        context.executor().schedule(() -> release(context, message), waitNanos, TimeUnit.NANOSECONDS);
    }

    private void release(ChannelHandlerContext context, Object message) {
        waiting = false;
        context.fireChannelRead(message);
        while (!waiting && !queued.isEmpty()) {
            admit(context, queued.poll());
        }
    }
}
