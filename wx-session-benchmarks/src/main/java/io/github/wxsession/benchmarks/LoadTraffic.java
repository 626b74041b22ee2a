package io.github.wxsession.benchmarks;

import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the request files {@code scripts/load-test.sh} replays with wrk against the sample app:
 * the number game's traffic ({@link GameTraffic}) signed with the sample's development token.
 *
 * <p>Each file holds complete HTTP/1.1 requests, each preceded by a line with its length in
 * bytes, so wrk's Lua script only hands out ready bytes and spends no time formatting:
 * <ul>
 *   <li>{@code floor.req}: the plain bodies, POSTed to the floor app's {@code /floor};
 *   <li>{@code plain.req}: the same bodies to {@code /wx/callback}, each with its own
 *       timestamp, nonce and signature;
 *   <li>{@code safe.req}: the same messages encrypted in WeChat's envelope, each with its own
 *       {@code msg_signature} and {@code encrypt_type=aes}.
 * </ul>
 * Every request carries its own MsgId, so none is answered from the de-duplication cache as long
 * as the file is not replayed within the de-duplication TTL (the script checks this).
 *
 * <p>Usage: {@code LoadTraffic <directory> <requests per file>}.
 */
public final class LoadTraffic {

    /** The sample app's development values (wx-session-sample's application.yml). */
    static final String SAMPLE_APP_ID = "wx-sample-app";
    static final String SAMPLE_TOKEN = "sample-token";
    static final String SAMPLE_AES_KEY = "wxSessionSampleDevelopmentOnlyKey0123456789";

    private static final long SEED = 20_261_121L;
    // Generated in chunks so a million encrypted requests never sit in the heap at once.
    private static final int CHUNK = 10_000;

    private LoadTraffic() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoadTraffic <directory> <requests per file>");
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        if (count < CHUNK || count % CHUNK != 0) {
            throw new IllegalArgumentException("requests per file must be a positive multiple of " + CHUNK
                    + ", got " + count);
        }
        writePlainAndFloor(directory, count);
        writeSafe(directory, count);
    }

    private static void writePlainAndFloor(Path directory, int count) throws IOException {
        GameTraffic traffic = new GameTraffic(SEED, SAMPLE_TOKEN);
        try (OutputStream plain = open(directory.resolve("plain.req"));
                OutputStream floor = open(directory.resolve("floor.req"))) {
            for (int done = 0; done < count; done += CHUNK) {
                for (CallbackRequest request : traffic.plain(CHUNK)) {
                    String query = "signature=" + request.signature() + "&timestamp=" + request.timestamp()
                            + "&nonce=" + request.nonce();
                    write(plain, "/wx/callback?" + query, request.body());
                    write(floor, "/floor?" + query, request.body());
                }
            }
        }
    }

    private static void writeSafe(Path directory, int count) throws IOException {
        // Same seed: the same senders and messages as plain.req, encrypted.
        GameTraffic traffic = new GameTraffic(SEED, SAMPLE_TOKEN);
        WxMessageCrypt crypt = WxMessageCrypt.of(SAMPLE_TOKEN, SAMPLE_AES_KEY, SAMPLE_APP_ID);
        try (OutputStream safe = open(directory.resolve("safe.req"))) {
            for (int done = 0; done < count; done += CHUNK) {
                for (CallbackRequest request : traffic.safe(CHUNK, crypt)) {
                    // An Official Account's safe-mode POST also carries the plain signature.
                    String signature = WxSignatures.sortedSha1(SAMPLE_TOKEN, request.timestamp(), request.nonce());
                    String query = "signature=" + signature + "&timestamp=" + request.timestamp()
                            + "&nonce=" + request.nonce() + "&encrypt_type=aes&msg_signature=" + request.signature();
                    write(safe, "/wx/callback?" + query, request.body());
                }
            }
        }
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    /** One record: the request's length on a line, then the request itself. */
    private static void write(OutputStream out, String target, byte[] body) throws IOException {
        byte[] head = ("POST " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: text/xml\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(Integer.toString(head.length + body.length).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.write(head);
        out.write(body);
    }
}
