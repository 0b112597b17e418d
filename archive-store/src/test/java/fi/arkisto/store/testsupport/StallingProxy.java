package fi.arkisto.store.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on the loopback address in front of a server, for outage tests: while it forwards, it pipes each
 * connection to the target; once {@link #stall()}ed, it drops the connections it had and accepts new ones without
 * ever answering (a store that stops answering, not one that refuses) until {@link #resume()}d. Without a target it
 * only stalls. {@link #onceBeforeForwarding} lets a test act at one precise request (a race made deterministic).
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile String marker;
    private volatile Runnable markerAction;

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

    /**
     * The first time bytes a client sends contain {@code text} (ASCII, e.g. a request line {@code "HEAD /bucket/key"}),
     * runs {@code action} before forwarding them: what another party does just before the target sees that request.
     */
    public void onceBeforeForwarding(String text, Runnable action) {
        this.markerAction = action;
        this.marker = text;
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
                pipe(client, upstream, true);
                pipe(upstream, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (fromClient) {
                        actOnMarker(buffer, n);
                    }
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

    private synchronized void actOnMarker(byte[] buffer, int length) {
        String text = marker;
        if (text != null && new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(text)) {
            marker = null;
            markerAction.run();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
