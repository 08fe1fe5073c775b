package io.porter.config;

import java.util.List;

/** A setting is wrong: the message names each bad setting, so start-up fails with a useful line. */
public class ConfigException extends RuntimeException {

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
