package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.drpkit.archive.ledger.HeadersTable;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsHeaders;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit ingest --config FILE} with a {@code services:} section pointing at a schedule and a proposals service
 * on 127.0.0.1 (answers shaped after the spec, not captured): a frame of today without PROGNAME is archived with the
 * scheduled program's PROGID, PI and PROPINT; its header is in the ledger's headers table; the PI notice is recorded
 * in {@code OUT/koapi_send.jsonl}.
 */
class ProgramServicesCommandTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("/s/getSchedule", "[{\"ProjCode\": \"H242\", \"StartTime\": \"05:00\", \"EndTime\": \"10:30\","
                + " \"ObsType\": \"Classical\", \"Observers\": \"Martin\"}]");
        answer("/p/getPI", "{\"LastName\": \"Martin\"}");
        answer("/p/getAllocInst", "{\"AllocInst\": \"CIT\"}");
        answer("/p/getTitle", "{\"ProgramTitle\": \"Galactic Centre orbits\"}");
        answer("/p/getApprovedPP", "{\"ProprietaryPeriod\": 12}");
        server.start();
    }

    private void answer(String path, String json) {
        server.createContext(path, ex -> {
            queries.add(path + "?" + ex.getRequestURI().getRawQuery());
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFrameWithoutProgramGetsItFromTheConfiguredServices() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Header h = Header.builder().add("INSTRUME", "NIRC2").add("TELESCOP", "Keck II").add("DATE-OBS", today.toString())
                .add("UTC", "10:00:01.00").add("FILENAME", "n0001.fits").add("OUTDIR", "/s/sdata904/nirc2/")
                .add("IMTYPE", "object").build();
        FitsWriter.create().primaryImage(h, Image.filled(8, 8, 100f), PixelType.INT32).write(in.resolve("n0001.fits"),
                false);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = tmp.resolve("OUT");
        Path cfg = Files.writeString(tmp.resolve("drpkit.yaml"), "services:\n  scheduleUrl: " + base + "/s/\n"
                + "  proposalsUrl: " + base + "/p/\n  timeoutSeconds: 5\n  attempts: 2\n  backoffSeconds: 0\n");
        DrpkitTest.Run r = new DrpkitTest.Run("ingest", in.toString(), "--config", cfg.toString(), "--out",
                out.toString(), "--no-fsync");
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(queries.get(0).contains("date=" + today.minusDays(1) + "&telnr=2&instr=NIRC2"), queries.toString());

        Path fits;
        try (Stream<Path> s = Files.walk(out.resolve("NIRC2"))) {
            fits = s.filter(p -> p.toString().endsWith(".fits")).findFirst().orElseThrow();
        }
        Header archived = FitsHeaders.readPrimary(fits);
        assertEquals("H242", archived.getString("PROGID").orElseThrow());
        assertEquals("Martin", archived.getString("PROGPI").orElseThrow());
        assertEquals("CIT", archived.getString("PROGINST").orElseThrow());
        String koaid = fits.getFileName().toString().replace(".fits", "");
        try (JdbcLedger l = JdbcLedger.open("jdbc:h2:file:" + out.toAbsolutePath().resolve("ledger")
                + ";AUTO_SERVER=TRUE")) {
            JsonNode stored = new ObjectMapper().readTree(HeadersTable.of(l).get(koaid).orElseThrow());
            assertEquals("H242", stored.get("PROGID").get("value").textValue());
        }
        List<String> notices = Files.readAllLines(out.resolve("koapi_send.jsonl"));
        assertEquals(1, notices.size());
        JsonNode n = new ObjectMapper().readTree(notices.get(0));
        assertTrue(n.get("semid").textValue().endsWith("_H242"), notices.get(0));
        assertEquals(today.toString(), n.get("utdate_beg").textValue());
        assertTrue(Files.isRegularFile(out.resolve("services-cache/proposals/" + n.get("semid").textValue()
                + ".json")), "the answers are cached under OUT");
    }
}
