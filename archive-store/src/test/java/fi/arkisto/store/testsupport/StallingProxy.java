package fi.arkisto.store.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback address in front of a server, for outage tests: while it forwards, it pipes each
 * connection to the target; once {@link #stall()}ed, it drops the connections it had and accepts new ones without
 * ever answering (a store that stops answering, not one that refuses) until {@link #resume()}d. Without a target it
 * only stalls.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;

    private StallingProxy(String targetHost, int targetPort, boolean stalled) {
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.stalled = stalled;
        Thread accept = new Thread(this::acceptLoop, "stalling-proxy-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** A proxy forwarding to the target until stalled. */
    public static StallingProxy to(String host, int port) {
        return new StallingProxy(host, port, false);
    }

    /** A server that accepts connections and never answers. */
    public static StallingProxy silent() {
        return new StallingProxy(null, -1, true);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** From now on nothing answers: open connections are dropped, new ones are accepted and left waiting. */
    public void stall() {
        stalled = true;
        closeAll();
    }

    /** Forwards again: the connections held silent are dropped, so their clients connect anew. */
    public void resume() {
        if (targetHost == null) {
            throw new IllegalStateException("a silent server has nothing to forward to");
        }
        stalled = false;
        closeAll();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        closeAll();
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            if (stalled) {
                continue; // held open, never read nor answered
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
