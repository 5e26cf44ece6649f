package org.drpkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.drpkit.archive.ledger.JdbcLedger;
import org.drpkit.core.status.Ledger;
import org.drpkit.core.status.LedgerQuery;
import org.drpkit.core.status.LedgerRow;
import org.drpkit.core.status.ProcessingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drpkit ingest --transfer-to --ingest-api} and {@code drpkit transfer}, against a real HTTP server on
 * 127.0.0.1 that refuses the first {@code refusals} calls with HTTP 400 and then accepts.
 */
class TransferCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusedDeliveryEndsErrorAndTransferRetryFailedCompletesItWithoutCopyingAgain() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        IngestCommandsTest.frame(in, "n0001.fits", "10:00:01.00");
        IngestCommandsTest.frame(in, "n0002.fits", "10:00:02.00");
        List<String> queries = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refusals = new AtomicInteger(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", x -> {
            queries.add(x.getRequestURI().getQuery());
            boolean refuse = refusals.getAndDecrement() > 0;
            byte[] b = (refuse ? "{\"APIStatus\": \"ERROR\", \"Message\": \"not yet\"}"
                    : "{\"APIStatus\": \"COMPLETE\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(refuse ? 400 : 200, b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest?";
            String out = tmp.resolve("OUT").toString();
            String archive = tmp.resolve("archive").toString();
            DrpkitTest.Run ingest = new DrpkitTest.Run("ingest", in.toString(), "--out", out, "--no-fsync",
                    "--transfer-to", archive, "--ingest-api", url, "--api-backoff", "0.01");
            assertEquals(1, ingest.status, "a file ended ERROR: " + ingest.out + ingest.err);
            assertTrue(ingest.out.contains("IPAC_NOTIFY_ERROR"), ingest.out);
            assertEquals(2, queries.size(), "4xx answers are not retried: " + queries);

            DrpkitTest.Run plain = new DrpkitTest.Run("transfer", "--out", out, "--transfer-to", archive,
                    "--ingest-api", url);
            assertEquals(0, plain.status, plain.out + plain.err);
            assertTrue(plain.out.contains("0 files delivered"), "ERROR rows need --retry-failed: " + plain.out);

            DrpkitTest.Run retry = new DrpkitTest.Run("transfer", "--out", out, "--transfer-to", archive,
                    "--ingest-api", url, "--date", "2017-07-25", "--retry-failed");
            assertEquals(0, retry.status, retry.out + retry.err);
            assertTrue(retry.out.contains("2 files delivered") && retry.out.contains("{COMPLETE=2}")
                    && retry.out.contains("0 product files copied"), retry.out);
            Path table = tmp.resolve("OUT/NIRC2/20170725/xfr.table");
            assertTrue(retry.out.contains("listed in " + table), retry.out);
            assertEquals(4, queries.size());
            try (Ledger l = JdbcLedger.open("jdbc:h2:file:" + tmp.resolve("OUT/ledger"))) {
                List<LedgerRow> rows = l.find(LedgerQuery.all());
                assertEquals(2, rows.size());
                for (LedgerRow r : rows) {
                    assertEquals(ProcessingStatus.COMPLETE, r.status(), r.toString());
                    assertTrue(queries.contains("instrument=NIRC2&ingesttype=lev0&koaid=" + r.archiveId()),
                            r.archiveId() + " announced: " + queries);
                }
            }
            List<String> lines = Files.readAllLines(table);
            assertTrue(lines.get(0).startsWith("|koaid") && lines.get(0).endsWith("|"), lines.get(0));
            int files = 0;
            try (var s = Files.newDirectoryStream(tmp.resolve("archive/NIRC2/20170725/lev0"), "*.md5sum.table")) {
                for (Path t : s) {
                    files += Files.readAllLines(t).size() + 1; // the products it lists, and itself
                }
            }
            assertEquals(4 + files, lines.size(), "four header rows, one line per delivered file: " + lines);
            assertTrue(lines.stream().skip(4).allMatch(l -> l.contains(" unchanged ")), "nothing copied twice");

            DrpkitTest.Run nothing = new DrpkitTest.Run("transfer", "--out", out, "--transfer-to", archive,
                    "--ingest-api", url, "--retry-failed");
            assertTrue(nothing.out.contains("0 files delivered") && nothing.out.contains("nothing waiting"),
                    nothing.out);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anIngestApiWithoutADestinationIsBadInput() throws Exception {
        DrpkitTest.Run r = new DrpkitTest.Run("ingest", tmp.toString(), "--out", tmp.resolve("OUT").toString(),
                "--ingest-api", "http://127.0.0.1:9/ingest?");
        assertEquals(2, r.status, r.out + r.err);
        assertTrue(r.err.contains("--ingest-api needs --transfer-to"), r.err);
    }
}
