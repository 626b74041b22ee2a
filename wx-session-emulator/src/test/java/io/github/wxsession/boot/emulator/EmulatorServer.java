package io.github.wxsession.boot.emulator;

import java.util.Map;
import org.springframework.boot.SpringApplication;

/** The emulator test app as a process of its own, for {@link EmulatorNetworkTest}: one plain account. */
final class EmulatorServer {

    private EmulatorServer() {
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EmulatorTestApplication.class);
        app.setDefaultProperties(Map.of(
                "wx.emulator.enabled", "true",
                "wx.app-id", "wxNet",
                "wx.secret", "net-secret",
                "wx.token", "net-token",
                "spring.main.banner-mode", "off"));
        app.run(args);
    }
}
