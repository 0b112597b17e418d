package fi.arkisto.embedded;

import org.slf4j.LoggerFactory;

/**
 * Raises the log level of chatty embedded servers to WARN. s3proxy and jclouds log every request
 * at DEBUG when Logback runs unconfigured (outside Spring Boot); one run wrote 2 GB (STACK.md).
 */
final class QuietLogging {

    private QuietLogging() {
    }

    static void quiet(String... loggerNames) {
        if (!logbackPresent()) {
            return;
        }
        for (String name : loggerNames) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && (logger.getLevel() == null || !logger.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.Logger", false, QuietLogging.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
