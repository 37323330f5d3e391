package cn.canbao.sms;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP/1.1 server for the providers' stubs: one thread per connection blocked in its read, so the time
 * a request is stamped with is the moment its first byte arrived — not when a dispatcher thread got round to it,
 * which on a loaded 2-core machine (the JDK's HttpServer, one selector thread for all connections) lagged by up to
 * hundreds of milliseconds and made requests that left a second apart look as if they had arrived together.
 * Keep-alive, Content-Length bodies; enough for Twilio's SDK and the JDK client.
 */
final class StubHttpServer implements AutoCloseable {

    /** One request: when its first byte arrived ({@link System#nanoTime()}), its line, headers and body. */
    record Request(long arrived, String method, URI uri, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer. */
    record Response(int status, Map<String, String> headers, String body) {}

    interface Handler {
        Response handle(Request request) throws IOException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    StubHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "stub-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "stub-http-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            while (!closed) {
                int first = in.read(); // blocks until the next request's first byte
                if (first < 0) {
                    return;
                }
                long arrived = System.nanoTime();
                String line = (char) first + readLine(in);
                String[] parts = line.split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.put(
                                h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                h.substring(colon + 1).trim());
                    }
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes(length);
                Response response = handler.handle(new Request(arrived, parts[0], URI.create(parts[1]), headers, body));
                byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder("HTTP/1.1 ")
                        .append(response.status())
                        .append(' ')
                        .append(reason(response.status()))
                        .append("\r\n");
                response.headers()
                        .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: keep-alive\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection, or the stub did
        } finally {
            open.remove(socket);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
