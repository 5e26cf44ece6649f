package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.drpkit.archive.IngestContext;
import org.drpkit.archive.IngestService;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config} on ingest, monitor, watchdog and digest: values from the file, flags over the file, notifications
 * reaching a real webhook (com.sun.net.httpserver) and a real SMTP server (GreenMail) started on 127.0.0.1.
 */
class ConfigCommandsTest {

    @TempDir
    Path tmp;

    private HttpServer hook;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWebhook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                posts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
    }

    @AfterEach
    void stopWebhook() {
        hook.stop(0);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    }

    private static Path frame(Path dir, String name, String fileName, String utc) throws Exception {
        Header h = Header.builder().add("INSTRUME", "NIRC2").add("DATE-OBS", "2017-07-25").add("UTC", utc)
                .add("FILENAME", fileName).add("OUTDIR", "/sdata904/nirc2eng/2017jul25/").add("IMTYPE", "dark")
                .build();
        Path f = dir.resolve(name);
        FitsWriter.create().primaryImage(h, Image.filled(8, 8, 100f), PixelType.INT32).write(f, false);
        return f;
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("drpkit.yaml"), yaml);
    }

    @Test
    void ingestTakesItsRootFromTheFileAndOutOnTheCommandLineOverridesIt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        frame(in, "n0001.fits", "n0001.fits", "10:00:01.00");
        Path cfg = config("""
                folders:
                  out: fromfile
                  stage: off
                workers: 1
                """);
        DrpkitTest.Run a = new DrpkitTest.Run("ingest", in.toString(), "--config", cfg.toString(), "--no-fsync");
        assertEquals(0, a.status, a.out + a.err);
        assertTrue(Files.isDirectory(tmp.resolve("fromfile/NIRC2/20170725/lev0")), "the file's out, relative to it");
        assertFalse(Files.exists(tmp.resolve("fromfile/stage")), "stage: off");

        DrpkitTest.Run b = new DrpkitTest.Run("ingest", in.toString(), "--config", cfg.toString(), "--out",
                tmp.resolve("fromflag").toString(), "--no-fsync");
        assertEquals(0, b.status, b.out + b.err);
        assertTrue(Files.isDirectory(tmp.resolve("fromflag/NIRC2/20170725/lev0")), "--out wins over folders.out");

        DrpkitTest.Run none = new DrpkitTest.Run("ingest", in.toString(), "--no-fsync");
        assertEquals(2, none.status, "neither --out nor a file");
        assertTrue(none.err.contains("--out"), none.err);
    }

    @Test
    void aBadFileStopsTheCommandWithExit2NamingFileLineAndKey() throws Exception {
        Path cfg = config("""
                folders:
                  out: /koadata
                notify:
                  mial:
                    host: smtp.example.org
                """);
        DrpkitTest.Run r = new DrpkitTest.Run("watchdog", "--config", cfg.toString());
        assertEquals(Drpkit.EXIT_BAD_INPUT, r.status, r.out + r.err);
        assertTrue(r.err.contains("CONFIG_UNKNOWN_KEY"), r.err);
        assertTrue(r.err.contains(cfg + " line 4"), r.err);
        assertTrue(r.err.contains("notify.mial"), r.err);
    }

    @Test
    void theWatchdogSendsStuckRowsToTheWebhookOfTheFile() throws Exception {
        Path out = tmp.resolve("OUT");
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + out.toAbsolutePath().resolve("ledger")
                + ";AUTO_SERVER=TRUE")) {
            IngestService s = new IngestService(l, IngestContext.builder(out).build(), null);
            s.enqueue(frame(in, "n0001.fits", "n0001.fits", "10:00:01.00"));
            l.claimNext(null, "deadhost:1:1", Instant.now().minus(Duration.ofHours(2))).orElseThrow();
        }
        Path cfg = config("""
                folders:
                  out: %s
                notify:
                  stuckMinutes: 60
                  webhook:
                    url: %s
                """.formatted(out, hookUrl()));
        DrpkitTest.Run r = new DrpkitTest.Run("watchdog", "--config", cfg.toString(), "--notify");
        assertEquals(WatchdogCommand.EXIT_PROBLEMS, r.status, r.out + r.err);
        assertTrue(r.out.contains("STUCK #1"), r.out);
        assertEquals(1, posts.size(), posts.toString());
        JsonNode j = new ObjectMapper().readTree(posts.get(0));
        assertEquals("STUCK", j.get("code").asText());
        assertTrue(j.get("message").asText().startsWith("1 row stuck in PROCESSING or TRANSFERRING"), posts.get(0));
        assertTrue(j.get("message").asText().contains("n0001.fits"), posts.get(0));

        DrpkitTest.Run flag = new DrpkitTest.Run("watchdog", "--config", cfg.toString(), "--stuck-minutes", "300");
        assertEquals(0, flag.status, "--stuck-minutes overrides notify.stuckMinutes: " + flag.out);
    }

    @Test
    void theDigestOfANightGoesToTheMailAndTheWebhookOfTheFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        frame(in, "n0001.fits", "n0001.fits", "10:00:01.00");
        frame(in, "n0002.fits", "n0099.fits", "10:00:02.00"); // renamed: INVALID with --renamed invalid
        Path out = tmp.resolve("OUT");
        DrpkitTest.Run ingest = new DrpkitTest.Run("ingest", in.toString(), "--out", out.toString(), "--no-fsync",
                "--renamed", "invalid");
        assertEquals(Drpkit.EXIT_BAD_INPUT, ingest.status, ingest.out);

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            Path cfg = config("""
                    folders: {out: %s}
                    notify:
                      mail: {host: 127.0.0.1, port: %d, from: drpkit@example.org, to: ops@example.org}
                      webhook: {url: %s, timeoutSeconds: 2}
                    """.formatted(out, smtp.getSmtp().getPort(), hookUrl()));
            DrpkitTest.Run printed = new DrpkitTest.Run("digest", "--config", cfg.toString(), "--date", "20170725");
            assertEquals(0, printed.status, printed.err);
            assertTrue(printed.out.startsWith("night 20170725: 2 files, 1 PROCESSED, 1 INVALID\n"), printed.out);
            assertEquals(0, posts.size(), "nothing sent without --send");

            DrpkitTest.Run sent = new DrpkitTest.Run("digest", "--config", cfg.toString(), "--date", "20170725",
                    "--send");
            assertEquals(0, sent.status, sent.err);
            assertTrue(smtp.waitForIncomingEmail(5000, 1));
            assertEquals("drpkit ALL DIGEST: night 20170725: 2 files, 1 PROCESSED, 1 INVALID",
                    smtp.getReceivedMessages()[0].getSubject());
            String body = GreenMailUtil.getBody(smtp.getReceivedMessages()[0]);
            assertTrue(body.contains("NIRC2 INVALID MISMATCHED_FILENAME: 1"), body);
            assertTrue(body.contains("n0002.fits"), body);
            assertEquals(1, posts.size());
            assertEquals("DIGEST", new ObjectMapper().readTree(posts.get(0)).get("code").asText());
        } finally {
            smtp.stop();
        }
        hook.stop(0);
        Path cfg = tmp.resolve("drpkit.yaml");
        DrpkitTest.Run down = new DrpkitTest.Run("digest", "--config", cfg.toString(), "--date", "20170725", "--send");
        assertEquals(1, down.status, "both targets are down: " + down.err);
        assertTrue(down.err.contains("2 targets not reached"), down.err);
    }

    @Test
    void theMonitorWatchesTheFilesFoldersAndPostsThrottledAlertsToTheWebhookFromItsVariable() throws Exception {
        Path watched = Files.createDirectories(tmp.resolve("sdata"));
        Path out = tmp.resolve("OUT");
        Path cfg = config("""
                folders:
                  in: [sdata]
                  out: OUT
                workers: 1
                notify:
                  throttleMinutes: 60
                  webhook:
                    urlEnv: DRPKIT_TEST_WEBHOOK
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Drpkit.class.getName(), "monitor", "--config", cfg.toString(), "--settle", "0.2", "--no-fsync")
                .redirectErrorStream(true);
        pb.environment().put("DRPKIT_TEST_WEBHOOK", hookUrl());
        Process p = pb.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String first = lines.readLine();
            assertTrue(first != null && first.startsWith("monitoring [" + watched.toAbsolutePath()), first);
            assertFalse(first.contains("/hook"), "the webhook's URL is not printed: " + first);
            for (int i = 1; i <= 3; i++) { // three renamed files: one alert, two held back
                frame(watched, String.format("n%04d.fits", i), "n0000.fits", String.format("10:00:%02d.00", i));
            }
            String url = "jdbc:h2:file:" + out.resolve("ledger") + ";AUTO_SERVER=TRUE";
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (Ledger l = JdbcLedger.open(url)) {
                while (l.find(LedgerQuery.all().statusCode("MISMATCHED_FILENAME")).size() < 3) {
                    assertTrue(System.nanoTime() < end, "the monitor did not finish the three files");
                    Thread.sleep(50);
                }
            }
            Thread.sleep(300);
            assertEquals(1, posts.size(), "throttled to one alert per instrument and code: " + posts);
            JsonNode j = new ObjectMapper().readTree(posts.get(0));
            assertEquals("NIRC2", j.get("instrument").asText());
            assertEquals("MISMATCHED_FILENAME", j.get("code").asText());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
    }
}
