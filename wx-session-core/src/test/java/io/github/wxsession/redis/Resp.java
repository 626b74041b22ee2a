package io.github.wxsession.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tiny blocking RESP2 client for the harnesses' admin commands ({@code CLUSTER MEET},
 * {@code SENTINEL FAILOVER}, {@code INFO}, ...): one short-lived socket per command, so a killed
 * node costs nothing but a refused connection, and no client library's reconnects or topology
 * caches get between a test and what the node says right now. Needs no {@code redis-cli}. A
 * query whose connection is dropped before its answer is asked again; anything else is sent once.
 */
public final class Resp {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int QUERY_ATTEMPTS = 3;
    private static final Set<String> CONTAINERS = Set.of("CLUSTER", "SENTINEL", "SCRIPT");
    /** Commands that change nothing, so asking again after a dropped connection is harmless. */
    private static final Set<String> QUERIES = Set.of("PING", "ROLE", "INFO", "DBSIZE", "GET", "EXISTS", "HGET",
            "CLUSTER INFO", "CLUSTER NODES", "CLUSTER MYID", "CLUSTER KEYSLOT", "CLUSTER GETKEYSINSLOT",
            "CLUSTER COUNTKEYSINSLOT", "SENTINEL GET-MASTER-ADDR-BY-NAME", "SENTINEL MASTER", "SENTINEL REPLICAS",
            "SCRIPT EXISTS");

    private Resp() {
    }

    /** An error reply ({@code -ERR ...}, {@code -INPROG ...}): the node is there and said no. */
    public static final class ErrorReply extends RuntimeException {
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
    public static Object call(String address, String... command) {
        boolean query = QUERIES.contains(name(command));
        for (int attempt = 1; ; attempt++) {
            try {
                return callOnce(address, command);
            } catch (Disconnected e) {
                // Sentinel drops every normal client of a server it reconfigures (CLIENT KILL TYPE normal),
                // ours too: a query is asked again; a command that changes something is not.
                if (!query || attempt == QUERY_ATTEMPTS) {
                    throw new UncheckedIOException(command[0] + " on " + address + " failed", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(command[0] + " on " + address + " failed", e);
            }
        }
    }

    private static Object callOnce(String address, String... command) throws IOException {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(encode(command));
                out.flush();
                return read(new BufferedInputStream(socket.getInputStream()), String.join(" ", command));
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new Disconnected(e);
            }
        }
    }

    /** The command's name, with the subcommand for container commands: {@code CLUSTER NODES}. */
    private static String name(String... command) {
        String name = command[0].toUpperCase(Locale.ROOT);
        return CONTAINERS.contains(name) && command.length > 1 ? name + " " + command[1].toUpperCase(Locale.ROOT) : name;
    }

    /** The connection was made, then dropped before the answer. */
    private static final class Disconnected extends IOException {
        Disconnected(IOException cause) {
            super(cause);
        }
    }

    /** {@link #call} for a command answering a string (e.g. {@code INFO}, {@code CLUSTER NODES}). */
    public static String text(String address, String... command) {
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
    public static Map<String, String> fields(String info) {
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
