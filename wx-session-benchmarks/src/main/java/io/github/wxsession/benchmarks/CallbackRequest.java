package io.github.wxsession.benchmarks;

/**
 * What one callback POST carries: the body as received and the query parameters that sign it.
 *
 * @param body      the request body, UTF-8
 * @param timestamp the {@code timestamp} parameter
 * @param nonce     the {@code nonce} parameter
 * @param signature the signature the mode checks: {@code signature} in plain mode,
 *                  {@code msg_signature} in safe mode
 */
record CallbackRequest(byte[] body, String timestamp, String nonce, String signature) {
}
