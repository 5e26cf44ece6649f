package org.drpkit.archive.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The file's shape as Jackson binds it: one record per YAML mapping, every key spelled as in the file, every value
 * boxed so a missing key is null. {@link ArchiveConfig#load} checks and converts it.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    record Root(Folders folders, Database database, Integer workers, Delivery delivery, @JsonProperty("notify") Notify notifications,
            Map<String, Instrument> instruments, Services services, Previews previews) {
    }

    record Previews(String formats) {
    }

    record Services(String scheduleUrl, String proposalsUrl, Integer timeoutSeconds, Integer attempts,
            Integer backoffSeconds, String cache, Integer cacheDays, String piNotifyUrl, String piNotifyKeyEnv) {
    }

    record Folders(@JsonProperty("in") List<String> in, String out, String stage, String anc, String plugins) {
    }

    record Database(String url, String user, String passwordEnv) {
    }

    record Delivery(String destination, String deliverRejected, IngestApi ingestApi) {
    }

    record IngestApi(String url, String keyEnv, Integer timeoutSeconds) {
    }

    record Notify(Integer throttleMinutes, Integer stuckMinutes, Mail mail, Webhook webhook) {
    }

    record Mail(String host, Integer port, String security, String from, List<String> to, String user,
            String passwordEnv, Integer timeoutSeconds) {
    }

    record Webhook(String url, String urlEnv, Integer timeoutSeconds) {
    }

    record Instrument(Boolean enabled, String deliverRejected) {
    }
}
