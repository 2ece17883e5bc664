package com.example;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP service: GET / answers with a JSON description of the process. */
public final class App {
  private App() {}

  public static void main(String[] args) throws IOException {
    String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", exchange -> {
      if (!"/".equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = String.format("{\"app\":\"java-service\",\"java\":\"%s\",\"user\":\"%s\"}",
          System.getProperty("java.version"), System.getProperty("user.name")).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    // The JVM runs shutdown hooks on SIGTERM: stop accepting and let requests finish.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
    server.start();
    System.out.printf("listening on %s:%d%n", host, port);
  }
}
