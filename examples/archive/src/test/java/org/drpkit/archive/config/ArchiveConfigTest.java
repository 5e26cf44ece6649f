package org.drpkit.archive.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drpkit.archive.RejectedDelivery;
import org.drpkit.archive.notify.MailNotifier;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.instrument.Instruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: the documented example, and each kind of mistake named by file, line and key. */
class ArchiveConfigTest {

    private static final Map<String, String> ENV = Map.of(
            "DRPKIT_DB_PASSWORD", "db-pw-123",
            "DRPKIT_INGEST_KEY", "api-key-456",
            "DRPKIT_SMTP_PASSWORD", "smtp-pw-789",
            "DRPKIT_PI_NOTIFY_KEY", "pi-key-321",
            "DRPKIT_WEBHOOK_URL", "https://hooks.example.org/services/T0/B0/tok-abc");

    @TempDir
    Path tmp;

    private static Path example() {
        return Path.of(System.getProperty("drpkit.root", "../..")).resolve("docs/drpkit.example.yaml");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("drpkit.yaml"), yaml);
    }

    private DrpException fails(String yaml) throws Exception {
        Path f = write(yaml);
        return assertThrows(DrpException.class, () -> ArchiveConfig.load(f, ENV::get));
    }

    @Test
    void theDocumentedExampleLoadsWithEveryValueAsItsCommentsSay() throws Exception {
        ArchiveConfig c = ArchiveConfig.load(example(), ENV::get).checkInstruments(Instruments.load());
        assertEquals(List.of(Path.of("/sdata904/nirc2eng"), Path.of("/s/sdata1300/osiris")), c.folders().in());
        assertEquals(Path.of("/koadata"), c.folders().out());
        assertEquals(Path.of("/koadata/stage"), c.folders().stage());
        assertFalse(c.folders().noStage());
        assertEquals(Path.of("/koadata/anc"), c.folders().anc());
        assertEquals(Path.of("/koadata/plugins"), c.folders().plugins());
        assertEquals("jdbc:postgresql://koadb.example.org/koa?currentSchema=drpkit", c.database().url());
        assertEquals("drpkit", c.database().user());
        assertEquals("db-pw-123", c.database().password().reveal());
        assertEquals(4, c.workers());
        assertEquals(Path.of("/mnt/archive/incoming"), c.delivery().destination());
        assertEquals(RejectedDelivery.NONE, c.delivery().deliverRejected());
        assertEquals(URI.create("https://archive.example.org/ingest/api?"), c.delivery().ingestApi().url());
        assertEquals("api-key-456", c.delivery().ingestApi().key().reveal());
        assertEquals(Duration.ofSeconds(30), c.delivery().ingestApi().timeout());
        assertEquals(Duration.ofMinutes(60), c.notifications().throttle());
        assertEquals(Duration.ofMinutes(60), c.notifications().stuckAfter());
        MailNotifier.Settings m = c.notifications().mail();
        assertEquals("smtp.example.org", m.host());
        assertEquals(587, m.port());
        assertEquals(MailNotifier.Security.STARTTLS, m.security());
        assertEquals(List.of("koa-ops@example.org", "night-staff@example.org"), m.to());
        assertEquals("smtp-pw-789", m.password().reveal());
        assertEquals(Duration.ofSeconds(10), m.timeout());
        assertEquals(URI.create(ENV.get("DRPKIT_WEBHOOK_URL")), c.notifications().webhook().url());
        assertEquals(Duration.ofSeconds(5), c.notifications().webhook().timeout());
        assertEquals(Set.of("NIRC2", "OSIRIS"), c.instruments().keySet());
        assertEquals(RejectedDelivery.parse("MISMATCHED_FILENAME"), c.instrument("nirc2").deliverRejected());
        assertTrue(c.instrument("NIRC2").enabled());
        assertFalse(c.instrument("OSIRIS").enabled());
        assertNull(c.instrument("OSIRIS").deliverRejected());
        assertEquals(ArchiveConfig.InstrumentSwitch.DEFAULT, c.instrument("DEIMOS"));
    }

    @Test
    void noSecretValueAppearsInToString() throws Exception {
        String s = ArchiveConfig.load(example(), ENV::get).toString();
        for (String secret : List.of("db-pw-123", "api-key-456", "smtp-pw-789", "tok-abc", "/services/", "pi-key-321")) {
            assertFalse(s.contains(secret), secret + " leaked: " + s);
        }
        assertTrue(s.contains("$DRPKIT_SMTP_PASSWORD (set)"), s);
    }

    @Test
    void anUnknownKeyIsNamedWithItsFileLineAndPath() throws Exception {
        DrpException e = fails("""
                notify:
                  mail:
                    host: smtp.example.org
                    to: ops@example.org
                    from: drpkit@example.org
                    pasword: hunter2
                """);
        assertEquals(ConfigCode.CONFIG_UNKNOWN_KEY, e.code());
        assertEquals("notify.mail.pasword", e.location().keyword());
        assertTrue(e.location().file().endsWith("drpkit.yaml line 6"), e.location().file());
        assertTrue(e.getMessage().contains("passwordEnv"), "lists the known keys: " + e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aWrongTypeIsNamedWithItsFileLineAndPath() throws Exception {
        DrpException e = fails("""
                folders:
                  out: /koadata
                workers: four
                """);
        assertEquals(ConfigCode.CONFIG_WRONG_TYPE, e.code());
        assertEquals("workers", e.location().keyword());
        assertTrue(e.location().file().endsWith("line 3"), e.location().file());

        DrpException port = fails("""
                notify:
                  mail:
                    host: smtp.example.org
                    port: "587"
                """);
        assertEquals(ConfigCode.CONFIG_WRONG_TYPE, port.code(), "a quoted number is text, not a port");
        assertEquals("notify.mail.port", port.location().keyword());
        assertTrue(port.location().file().endsWith("line 4"), port.location().file());

        DrpException list = fails("""
                folders:
                  in: {a: b}
                """);
        assertEquals(ConfigCode.CONFIG_WRONG_TYPE, list.code());
        assertTrue(list.location().keyword().startsWith("folders.in"), list.location().keyword());
    }

    @Test
    void anUnsetSecretVariableStopsTheLoadNamingTheVariableAndLine() throws Exception {
        DrpException e = fails("""
                database:
                  url: jdbc:postgresql://db/koa
                  user: drpkit
                  passwordEnv: DRPKIT_NOT_SET
                """);
        assertEquals(ConfigCode.CONFIG_SECRET_MISSING, e.code());
        assertEquals("database.passwordEnv", e.location().keyword());
        assertTrue(e.location().file().endsWith("line 4"), e.location().file());
        assertTrue(e.getMessage().contains("DRPKIT_NOT_SET"), e.getMessage());
    }

    @Test
    void aPasswordWrittenWhereAVariableNameBelongsIsRefusedWithoutEchoingIt() throws Exception {
        DrpException e = fails("""
                notify:
                  mail:
                    host: smtp.example.org
                    from: drpkit@example.org
                    to: [ops@example.org]
                    user: drpkit
                    passwordEnv: "correct horse battery!"
                """);
        assertEquals(ConfigCode.CONFIG_INVALID, e.code());
        assertEquals("notify.mail.passwordEnv", e.location().keyword());
        assertFalse(e.getMessage().contains("horse"), e.getMessage());
    }

    @Test
    void valuesOutOfRangeAndAnUnknownInstrumentAreNamedWithTheirLine() throws Exception {
        DrpException w = fails("workers: 0\n");
        assertEquals(ConfigCode.CONFIG_INVALID, w.code());
        assertEquals("workers", w.location().keyword());
        assertTrue(w.location().file().endsWith("line 1"), w.location().file());

        DrpException sec = fails("""
                notify:
                  mail: {host: h.example.org, from: a@example.org, to: b@example.org, security: ssl}
                """);
        assertEquals(ConfigCode.CONFIG_INVALID, sec.code());
        assertEquals("notify.mail.security", sec.location().keyword());

        Path f = write("""
                instruments:
                  NIRC2: {enabled: true}
                  NIRK2: {enabled: false}
                """);
        ArchiveConfig c = ArchiveConfig.load(f, ENV::get);
        DrpException typo = assertThrows(DrpException.class, () -> c.checkInstruments(Instruments.load()));
        assertEquals(ConfigCode.CONFIG_UNKNOWN_KEY, typo.code());
        assertEquals("instruments.NIRK2", typo.location().keyword());
        assertTrue(typo.location().file().endsWith("line 3"), typo.location().file());
    }

    @Test
    void relativeFoldersAreResolvedAgainstTheFilesFolderAndStageCanBeSwitchedOff() throws Exception {
        Path f = write("""
                folders:
                  out: data/koadata
                  stage: off
                """);
        ArchiveConfig c = ArchiveConfig.load(f, ENV::get);
        assertEquals(tmp.resolve("data/koadata").toAbsolutePath().normalize(), c.folders().out());
        assertTrue(c.folders().noStage());
        assertNull(c.folders().stage());
        assertNull(c.workers());
        assertEquals(ArchiveConfig.Notify.DEFAULTS, c.notifications());
    }

    @Test
    void aMissingFileAndBrokenYamlAreUnreadable() throws Exception {
        DrpException missing = assertThrows(DrpException.class,
                () -> ArchiveConfig.load(tmp.resolve("nope.yaml"), ENV::get));
        assertEquals(ConfigCode.CONFIG_UNREADABLE, missing.code());
        DrpException broken = fails("folders: {out: /koadata\n");
        assertEquals(ConfigCode.CONFIG_UNREADABLE, broken.code());
    }
}
