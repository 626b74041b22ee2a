/**
 * WeChat callback crypto, compatible with Tencent's WXBizMsgCrypt for Official Accounts (plain,
 * compatible and safe mode), Mini Programs and WeCom: the SHA-1 signatures
 * ({@link io.github.wxsession.crypto.WxSignatures}) and the AES message envelope
 * ({@link io.github.wxsession.crypto.WxMessageCrypt}).
 *
 * <p>Protocol choices:
 * <ul>
 *   <li><b>AES/CBC/NoPadding plus our own PKCS#7.</b> WeChat pads to a multiple of 32 bytes, so
 *       a pad byte can be 17..32; the JCE's {@code PKCS5Padding} only knows 16-byte blocks and
 *       rejects the official sample messages. The key is the Base64 decoding of the
 *       EncodingAESKey plus {@code "="} ({@code java.util.Base64}, which, unlike strict decoders,
 *       accepts keys whose last character has non-zero discarded bits); the IV is the key's first
 *       16 bytes.</li>
 *   <li><b>Strict unpadding.</b> Tencent's samples treat a pad byte outside 1..32 as no padding
 *       and never look at the other pad bytes. We reject both cases as
 *       {@link io.github.wxsession.crypto.WxCryptError#DECRYPT_AES}: a genuine message is always
 *       padded correctly, so a bad pad means a wrong key or a damaged ciphertext, and saying so is
 *       clearer than the app id or length error that leniency produces further on. Requests go
 *       through {@code decryptMessage}, which checks the {@code msg_signature} before it
 *       decrypts, so the distinct errors are no padding oracle.</li>
 *   <li><b>Strict framing.</b> The 4-byte length counts UTF-8 bytes; a negative length, one
 *       beyond the frame, or a message that is not valid UTF-8 is
 *       {@link io.github.wxsession.crypto.WxCryptError#ILLEGAL_BUFFER}, never a silent U+FFFD.
 *       The trailing receiveId must be the account's own unless more are allowed explicitly.</li>
 *   <li><b>Constant-time signature comparison</b>, so a caller cannot discover a valid signature
 *       byte by byte.</li>
 * </ul>
 * Extracting the {@code <Encrypt>} element from a request body is the XML codec's job; this
 * package takes its text.
 */
@NullMarked
package io.github.wxsession.crypto;

import org.jspecify.annotations.NullMarked;
