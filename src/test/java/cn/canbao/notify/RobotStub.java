package cn.canbao.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for WeCom's and DingTalk's robot endpoints on a random local port: records every request and answers
 * with the queued replies (then {@code {"errcode":0,"errmsg":"ok"}}); a reply of {@code SLOW} answers only after 3 s.
 */
final class RobotStub implements AutoCloseable {

    record Request(URI uri, String body) {}

    static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    static final String SLOW = "SLOW";

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<String> replies = new ArrayDeque<>();
    /** Requests answered with errcode 0. */
    final List<Request> accepted = new CopyOnWriteArrayList<>();

    RobotStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized void reply(String... bodies) {
        replies.addAll(List.of(bodies));
    }

    private synchronized String next() {
        String r = replies.poll();
        return r == null ? OK : r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestURI(), body);
        requests.add(request);
        String reply = next();
        int status = 200;
        if (reply.equals(SLOW)) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply = OK;
        } else if (reply.startsWith("HTTP ")) {
            status = Integer.parseInt(reply.substring(5, 8));
            reply = reply.substring(9);
        }
        if (status == 200 && reply.contains("\"errcode\":0")) {
            accepted.add(request);
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
