package org.openpaypro;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.config.Config;
import org.openpaypro.config.ConfigException;
import org.openpaypro.logs.LogFormat;
import org.openpaypro.logs.LogLineEncoder;

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
        if (LogFormat.jsonLines()) {
            // JSON logs (issue 17): the start-up block is one line of the same shape, its facts as fields, printed
            // whatever OPENPAYPRO_LOG_LEVEL says (like the text block; the bench reads it at WARN)
            Map<String, String> fields = new LinkedHashMap<>();
            app.startupFacts().forEach((label, value) -> fields.put(camelCase(label), value));
            System.out.println(LogLineEncoder.line("openpaypro.startup", "OpenPayPro started", fields));
        } else {
            System.out.println(app.startupBanner());
        }
    }

    private static String camelCase(String label) {
        String[] words = label.toLowerCase(java.util.Locale.ROOT).split(" ");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
