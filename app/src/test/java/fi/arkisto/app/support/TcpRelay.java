package fi.arkisto.app.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on the loopback address for tests: what a network middle box does, in this JVM. It either connects
 * upstream from a chosen local address (so the server sees another peer address, as it sees a reverse proxy's), or
 * terminates TLS and relays the plain bytes (a TLS front for a service that speaks none, such as the shared RabbitMQ
 * broker, whose own configuration the tests must not touch).
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetAddress upstreamFrom;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger relayed = new AtomicInteger();

    private TcpRelay(ServerSocket server, InetAddress upstreamFrom, InetSocketAddress upstream) {
        this.server = server;
        this.upstreamFrom = upstreamFrom;
        this.upstream = upstream;
        Thread acceptor = new Thread(this::accept, "tcp-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Relays to {@code upstream}, connecting from {@code from} (e.g. 127.0.0.2: any 127/8 address is this machine). */
    public static TcpRelay from(InetAddress from, InetSocketAddress upstream) throws IOException {
        return new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), from, upstream);
    }

    /** Terminates TLS with {@code tls}'s key and relays the plain bytes to {@code upstream}. */
    public static TcpRelay terminatingTls(SSLContext tls, InetSocketAddress upstream) throws IOException {
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        return new TcpRelay(server, null, upstream);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections relayed so far (for TLS: only those whose handshake succeeded). */
    public int relayed() {
        return relayed.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread connection = new Thread(() -> relay(client), "tcp-relay-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            if (client instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            Socket target = new Socket();
            sockets.add(target);
            if (upstreamFrom != null) {
                target.bind(new InetSocketAddress(upstreamFrom, 0));
            }
            target.connect(upstream, 5000);
            relayed.incrementAndGet();
            Thread back = new Thread(() -> pump(target, client), "tcp-relay-back");
            back.setDaemon(true);
            back.start();
            pump(client, target);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TcpRelay::closeQuietly);
    }
}
