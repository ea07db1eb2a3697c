package org.openpaypro;

import org.openpaypro.config.Config;
import org.openpaypro.config.ConfigException;

/** Starts the gateway from environment variables; a bad setting exits with one line naming it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        App app;
        try {
            app = App.start(Config.fromEnv());
        } catch (ConfigException e) {
            System.err.println("openpaypro: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "openpaypro-shutdown"));
        System.out.println(app.startupBanner());
    }
}
