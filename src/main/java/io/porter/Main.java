package io.porter;

import io.porter.config.ConfigException;
import io.porter.config.ConfigLoader;
import io.porter.config.PorterConfig;
import io.porter.http.Authentication;
import io.porter.tenancy.Caller;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Starts a Porter node: settings, then (dev mode) a demo key and token, then the node itself. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final Caller DEMO_CALLER = new Caller(
            UUID.fromString("00000000-0000-4000-8000-000000000001"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"),
            Optional.empty());
    private static final int DEMO_TOKEN_MINUTES = 7 * 24 * 60;

    private Main() {
    }

    public static void main(String[] args) {
        try {
            PorterConfig config = loadConfig();
            Optional<String> devSecret = Optional.empty();
            if (config.dev() && !config.jwt().hasKey()) {
                devSecret = Optional.of(randomSecret());
                config = config.withJwt(new PorterConfig.Jwt(devSecret, Optional.empty(), config.jwt().publicKeyAlgorithm()));
            }
            Porter porter = Porter.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(porter), "porter-shutdown"));
            log.info("Porter is running: roles {}, database {}{}", config.roles(), porter.databaseUrl().redacted(),
                    porter.httpPort() == null ? "" : ", http://127.0.0.1:" + porter.httpPort());
            devSecret.ifPresent(secret -> printDemoToken(porter.vertx(), secret, porter.httpPort()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            log.error("Porter failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    private static PorterConfig loadConfig() throws Exception {
        Vertx bootstrap = Vertx.vertx();
        try {
            return Porter.await(ConfigLoader.load(bootstrap));
        } finally {
            bootstrap.close();
        }
    }

    private static void printDemoToken(Vertx vertx, String secret, Integer port) {
        String token = Authentication.issueToken(vertx, secret, DEMO_CALLER, DEMO_TOKEN_MINUTES);
        System.out.println();
        System.out.println("Dev mode: a random signing key was made for this run. Demo tenant "
                + DEMO_CALLER.tenantId() + ", user " + DEMO_CALLER.userId() + ". Bearer token (valid 7 days):");
        System.out.println();
        System.out.println("  export PORTER_TOKEN=" + token);
        System.out.println();
        System.out.println("  curl -H \"Authorization: Bearer $PORTER_TOKEN\" http://127.0.0.1:" + (port == null ? "<port>" : port) + "/api/uploads");
        System.out.println();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void stop(Porter porter) {
        try {
            porter.close();
        } catch (Exception e) {
            log.warn("shutdown: {}", e.getMessage());
        }
    }
}
