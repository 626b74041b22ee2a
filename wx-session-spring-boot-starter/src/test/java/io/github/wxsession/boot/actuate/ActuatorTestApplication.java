package io.github.wxsession.boot.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with the starter and Spring Boot Actuator, as the endpoint tests run it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ActuatorTestApplication {
}
