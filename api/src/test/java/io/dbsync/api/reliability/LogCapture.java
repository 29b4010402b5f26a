package io.dbsync.api.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything this JVM logs or prints while it is open: every Logback event on the root logger
 * (message, arguments, MDC, key-value pairs and the whole throwable chain with stack frames, more
 * than the console pattern shows), plus all bytes written to {@code System.out} and
 * {@code System.err}, which still reach the console too.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                    .append(' ').append(event.getThreadName()).append(' ').append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    text.append(" arg=").append(argument);
                }
            }
            if (!event.getMDCPropertyMap().isEmpty()) {
                text.append(" mdc=").append(event.getMDCPropertyMap());
            }
            if (event.getKeyValuePairs() != null) {
                text.append(" kv=").append(event.getKeyValuePairs());
            }
            IThrowableProxy throwable = event.getThrowableProxy();
            if (throwable != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(throwable));
            }
            synchronized (events) {
                events.add(text.toString());
            }
        }
    };

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.appender.setName("security-capture");
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        System.setOut(new PrintStream(capture.tee(capture.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capture.tee(capture.originalErr), true, StandardCharsets.UTF_8));
        return capture;
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (console) {
                    console.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (console) {
                    console.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
    }

    /** The log events captured so far, one string each (with its stack trace, if any). */
    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Everything printed to stdout and stderr so far. */
    String console() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
