package org.drpkit.archive.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.drpkit.archive.services.ServiceSettings;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's {@code services:} section: the documented example's values, the defaults, and bad values. */
class ServicesConfigTest {

    private static final Map<String, String> ENV = Map.of("DRPKIT_DB_PASSWORD", "a", "DRPKIT_INGEST_KEY", "b",
            "DRPKIT_SMTP_PASSWORD", "c", "DRPKIT_WEBHOOK_URL", "https://hooks.example.org/x",
            "DRPKIT_PI_NOTIFY_KEY", "pi-key-321");

    @TempDir
    Path tmp;

    private ArchiveConfig load(String yaml) throws Exception {
        return ArchiveConfig.load(Files.writeString(tmp.resolve("drpkit.yaml"), yaml), ENV::get);
    }

    @Test
    void theDocumentedExampleNamesBothServicesAndThePiNotification() throws Exception {
        Path example = Path.of(System.getProperty("drpkit.root", "../..")).resolve("docs/drpkit.example.yaml");
        ArchiveConfig.Services s = ArchiveConfig.load(example, ENV::get).services();
        assertEquals(URI.create("https://www.example.org/api/schedule/"), s.scheduleUrl());
        assertEquals(URI.create("https://www.example.org/api/proposals/"), s.proposalsUrl());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(3, s.attempts());
        assertEquals(Duration.ofSeconds(1), s.backoff());
        assertEquals(Path.of("/koadata/services-cache"), s.cache());
        assertEquals(Duration.ofDays(7), s.cacheMaxAge());
        assertEquals(URI.create("https://ops.example.org/koa/pi-notify"), s.piNotifyUrl());
        assertEquals("pi-key-321", s.piNotifyKey().reveal());
        ServiceSettings settings = s.settings(Path.of("/out"));
        assertEquals(Path.of("/koadata/services-cache"), settings.cache().folder());
        assertTrue(s.piNotifier(Path.of("/out")).toString().contains("POST https://ops.example.org/koa/pi-notify"));
    }

    @Test
    void withoutTheSectionEverythingIsOfflineAndNoticesAreRecordedUnderTheOutputRoot() throws Exception {
        ArchiveConfig.Services s = load("workers: 2\n").services();
        assertEquals(ArchiveConfig.Services.OFFLINE, s);
        assertNull(s.scheduleUrl());
        ServiceSettings settings = s.settings(tmp);
        assertEquals(tmp.resolve("services-cache").toAbsolutePath().normalize(), settings.cache().folder());
        assertTrue(s.piNotifier(tmp).toString().contains("recorder " + tmp.resolve("koapi_send.jsonl")));
        ArchiveConfig.Services partial = load("services:\n  scheduleUrl: http://127.0.0.1:8080/s/\n  cache: c\n")
                .services();
        assertNull(partial.proposalsUrl());
        assertEquals(tmp.resolve("c").toAbsolutePath().normalize(), partial.cache(), "relative to the file's folder");
    }

    @Test
    void badValuesAreNamedWithTheirLineAndKey() throws Exception {
        DrpException url = assertThrows(DrpException.class, () -> load("services:\n  scheduleUrl: ftp://x.org/s\n"));
        assertEquals(ConfigCode.CONFIG_INVALID, url.code());
        assertEquals("services.scheduleUrl", url.location().keyword());
        assertTrue(url.location().file().endsWith("line 2"), url.location().file());
        DrpException attempts = assertThrows(DrpException.class, () -> load("services:\n  attempts: 0\n"));
        assertEquals("services.attempts", attempts.location().keyword());
        DrpException days = assertThrows(DrpException.class, () -> load("services:\n  cacheDays: -1\n"));
        assertEquals("services.cacheDays", days.location().keyword());
        DrpException key = assertThrows(DrpException.class,
                () -> load("services:\n  piNotifyKeyEnv: DRPKIT_PI_NOTIFY_KEY\n"));
        assertTrue(key.getMessage().contains("without piNotifyUrl"), key.getMessage());
        DrpException typo = assertThrows(DrpException.class, () -> load("services:\n  scheduleURL: http://x/\n"));
        assertEquals(ConfigCode.CONFIG_UNKNOWN_KEY, typo.code());
    }
}
