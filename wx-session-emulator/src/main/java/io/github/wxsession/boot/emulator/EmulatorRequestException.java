package io.github.wxsession.boot.emulator;

/** A request to the emulator that cannot be carried out as asked; answered 400 with the message. */
final class EmulatorRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EmulatorRequestException(String message) {
        super(message);
    }
}
