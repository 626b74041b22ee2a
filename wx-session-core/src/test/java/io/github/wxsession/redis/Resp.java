package io.github.wxsession.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny blocking RESP2 client for the harnesses' admin commands ({@code CLUSTER MEET},
 * {@code SENTINEL FAILOVER}, {@code INFO}, ...): one short-lived socket per command, so a killed
 * node costs nothing but a refused connection, and no client library's reconnects or topology
 * caches get between a test and what the node says right now. Needs no {@code redis-cli}.
 */
final class Resp {

    private static final int TIMEOUT_MILLIS = 5_000;

    private Resp() {
    }

    /** An error reply ({@code -ERR ...}, {@code -INPROG ...}): the node is there and said no. */
    static final class ErrorReply extends RuntimeException {
        ErrorReply(String command, String message) {
            super(command + ": " + message);
        }
    }

    /**
     * Sends one command to {@code address} ({@code host:port}) and reads its answer: a
     * {@link String} (simple or bulk string), {@link Long}, {@link List} or {@code null}.
     *
     * @throws ErrorReply for an error reply
     * @throws UncheckedIOException if the node cannot be reached or hangs up
     */
    static Object call(String address, String... command) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(command));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(command[0] + " on " + address + " failed", e);
        }
    }

    /** {@link #call} for a command answering a string (e.g. {@code INFO}, {@code CLUSTER NODES}). */
    static String text(String address, String... command) {
        return (String) call(address, command);
    }

    /** Whether the node answers {@code PING} now. */
    static boolean answers(String address) {
        try {
            return "PONG".equals(call(address, "PING"));
        } catch (UncheckedIOException | ErrorReply e) {
            return false;
        }
    }

    /** The {@code field:value} lines of an {@code INFO} section (or of {@code CLUSTER INFO}). */
    static Map<String, String> fields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static byte[] encode(String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + command.length + "\r\n");
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            write(out, "$" + bytes.length + "\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Object read(InputStream in, String command) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed before an answer to " + command);
        }
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(command, line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                line(in);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in, command));
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "' answering " + command);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }
}
