package io.bankbridge.token.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as an attacker writes it: request lines no URI class would accept
 * ({@code %ZZ}, raw non-UTF-8 bytes), any header, any body. One request per connection.
 */
final class RawHttp {

    /** What came back; status 0 if the server closed the connection without an answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }
    }

    private final String host;
    private final int port;

    RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** Sends {@code method target} with the headers (name → value) and body exactly as given. */
    Answer send(String method, byte[] target, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(target);
        StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 431) and close before reading a large request to its end
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(0, Map.of(), "");
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (IOException e) {
            all = new byte[0];
        }
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, Map.of(), "");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = new byte[all.length - end - 4];
        System.arraycopy(all, end + 4, rest, 0, rest.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(chunked, from, Math.min(size, chunked.length - from));
            at = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
