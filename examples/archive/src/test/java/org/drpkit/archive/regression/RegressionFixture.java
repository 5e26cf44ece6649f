package org.drpkit.archive.regression;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drpkit.archive.IngestContext;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.header.Card;
import org.drpkit.core.header.Header;
import org.drpkit.core.image.Image;
import org.drpkit.fits.FitsWriter;
import org.drpkit.fits.PixelType;
import org.drpkit.fits.TableColumn;
import org.drpkit.instruments.corrections.CardText;
import org.drpkit.instruments.keck.service.NightStaffService;
import org.drpkit.instruments.keck.service.Proposal;
import org.drpkit.instruments.keck.service.ProposalService;
import org.drpkit.instruments.keck.service.ScheduleEntry;
import org.drpkit.instruments.keck.service.ScheduleService;

/**
 * One archive-prefix regression fixture ({@code src/test/resources/regression/*.fixture}): the raw file's headers as
 * text, the shape of its synthetic data, the answers of the outside services, and the values the archive spec
 * prescribes for it. The fixture is turned into a small FITS file placed at its original path (under a test folder)
 * and ingested.
 *
 * <pre>
 * # DEIMOS science frame (first comment line: what the fixture is; other comment lines: the rules)
 * #@ path = /s/sdata1001/deimos1/2024mar01/d0301_0012.fits   original path (the file is made at TMP + path)
 * #@ data = 32x16 int16 base=1000                            primary data (absent: no primary data)
 * #@ proposal.2024A_U123 = Smith|UCSC|A title|18             ProposalService answer (PI|institution|title|months)
 * #@ schedule = U123|04:00|10:00|Classical|Smith             ScheduleService entry
 * #@ oa = jdoe                                               NightStaffService answer
 * INSTRUME= 'DEIMOS: Spectrograph'                           primary cards (structural ones are the writer's)
 * --- HDU 1 image 32x16 int16 base=2000                      an image extension and its cards
 * --- HDU 2 table                                            a small binary table extension and its cards
 * #&gt; @KOAID = 'DE.20240301.37230.45'                         expectations (see {@link #expectations()})
 * #&gt; KOAIMTYP = 'object'
 * </pre>
 *
 * <p>Synthetic pixels: {@code base + (167 i mod n)} for pixel {@code i} of {@code n} ({@code n} not a multiple of
 * 167), a permutation of {@code base .. base + n - 1}; so IMAGEMN = IMAGEMD = base + (n - 1) / 2, IMAGESD =
 * sqrt((n^2 - 1) / 12), and the number of pixels at or above a level {@code T} inside the range is
 * {@code base + n - T}. Fixtures write such values from these formulas.
 */
final class RegressionFixture {

    private static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT",
            "GCOUNT", "END");
    private static final Pattern SHAPE = Pattern.compile(
            "(\\d+)x(\\d+)(?:x(\\d+))?\\s+(int16|uint16|int32|float32)(?:\\s+base=(-?\\d+))?");
    /** The stride of the pixel permutation (prime). */
    static final int STRIDE = 167;

    /** The data of one HDU: an image of a shape and type, a small table, or nothing. */
    record Data(String kind, int width, int height, int planes, PixelType type, long base) {
        static final Data NONE = new Data("none", 0, 0, 0, null, 0);

        /** @return the synthetic plane {@code p}: the permutation of base..base+n-1, shifted by n per plane */
        Image plane(int p) {
            int n = width * height;
            float[] px = new float[n];
            for (int i = 0; i < n; i++) {
                px[i] = base + (long) p * n + (int) ((long) STRIDE * i % n);
            }
            return Image.of(width, height, px);
        }

        List<Image> images() {
            List<Image> out = new ArrayList<>();
            for (int p = 0; p < planes; p++) {
                out.add(plane(p));
            }
            return out;
        }
    }

    /** One HDU: its cards (structural ones dropped) and data. */
    record Hdu(Header header, Data data) {
    }

    private final String name;
    private final String description;
    private final Path originalPath;
    private final List<Hdu> hdus;
    private final Map<String, Proposal> proposals;
    private final List<ScheduleEntry> schedule;
    private final String oa;
    private final List<Card> expectations;

    private RegressionFixture(String name, String description, Path originalPath, List<Hdu> hdus,
            Map<String, Proposal> proposals, List<ScheduleEntry> schedule, String oa, List<Card> expectations) {
        this.name = name;
        this.description = description;
        this.originalPath = originalPath;
        this.hdus = hdus;
        this.proposals = proposals;
        this.schedule = schedule;
        this.oa = oa;
        this.expectations = expectations;
    }

    /** @return the names of every fixture in {@code regression/}, sorted */
    static List<String> all() {
        URL url = RegressionFixture.class.getClassLoader().getResource("regression");
        if (url == null) {
            throw new IllegalStateException("no regression fixtures on the test class path");
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".fixture")).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the fixture in resource {@code regression/<name>} */
    static RegressionFixture load(String name) {
        return parse(name, text(name));
    }

    /** @return the text of resource {@code regression/<name>} */
    static String text(String name) {
        try (InputStream in = RegressionFixture.class.getClassLoader().getResourceAsStream("regression/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RegressionFixture parse(String name, String text) {
        List<Hdu> hdus = new ArrayList<>();
        Header.Builder current = Header.builder();
        Data data = Data.NONE;
        Path path = null;
        Map<String, Proposal> proposals = new LinkedHashMap<>();
        List<ScheduleEntry> schedule = new ArrayList<>();
        String oa = null;
        List<Card> expect = new ArrayList<>();
        String description = null;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String l = raw.strip();
            String where = name + ":" + lineNo + ": ";
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("--- HDU")) {
                hdus.add(new Hdu(current.build(), data));
                current = Header.builder();
                String[] w = l.substring(7).strip().split("\\s+", 3);
                if (Integer.parseInt(w[0]) != hdus.size()) {
                    throw new IllegalArgumentException(where + "HDU numbers must run 1, 2, ...: " + l);
                }
                data = w.length < 2 ? Data.NONE : switch (w[1]) {
                    case "image" -> shape(where, w.length > 2 ? w[2] : "");
                    case "table" -> new Data("table", 0, 0, 0, null, 0);
                    default -> throw new IllegalArgumentException(where + "unknown HDU kind " + w[1]);
                };
            } else if (l.startsWith("#>")) {
                expect.add(CardText.parse(l.substring(2)));
            } else if (l.startsWith("#@")) {
                String[] kv = l.substring(2).split("=", 2);
                String k = kv[0].strip();
                String v = kv.length > 1 ? kv[1].strip() : "";
                if (k.equals("path")) {
                    path = Path.of(v);
                } else if (k.equals("data")) {
                    data = shape(where, v);
                } else if (k.equals("oa")) {
                    oa = v;
                } else if (k.startsWith("proposal.")) {
                    String[] p = v.split("\\|", -1);
                    proposals.put(k.substring(9), new Proposal(p[0], p[1], p[2], p[3].isEmpty() ? OptionalInt.empty()
                            : OptionalInt.of(Integer.parseInt(p[3]))));
                } else if (k.equals("schedule")) {
                    String[] p = v.split("\\|", -1);
                    schedule.add(new ScheduleEntry(p[0], LocalTime.parse(p[1]), LocalTime.parse(p[2]), p[3], p[4]));
                } else {
                    throw new IllegalArgumentException(where + "unknown context line " + l);
                }
            } else if (l.startsWith("#")) {
                if (description == null) {
                    description = l.substring(1).strip();
                }
            } else {
                Card c = CardText.parse(l);
                if (!STRUCTURAL.contains(c.keyword()) && !c.keyword().matches("NAXIS\\d+")) {
                    current.add(c);
                }
            }
        }
        hdus.add(new Hdu(current.build(), data));
        if (path == null) {
            throw new IllegalArgumentException(name + ": no '#@ path = ...' line");
        }
        return new RegressionFixture(name, description == null ? name : description, path, List.copyOf(hdus),
                proposals, List.copyOf(schedule), oa, List.copyOf(expect));
    }

    private static Data shape(String where, String spec) {
        Matcher m = SHAPE.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(where + "data must read WxH[xP] int16|uint16|int32|float32 [base=B]: "
                    + spec);
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        int p = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if ((long) w * h % STRIDE == 0) {
            throw new IllegalArgumentException(where + "W x H must not be a multiple of " + STRIDE);
        }
        PixelType t = switch (m.group(4)) {
            case "int16" -> PixelType.INT16;
            case "uint16" -> PixelType.UINT16;
            case "int32" -> PixelType.INT32;
            default -> PixelType.FLOAT32;
        };
        return new Data("image", w, h, p, t, m.group(5) == null ? 1000 : Long.parseLong(m.group(5)));
    }

    /**
     * Writes the raw file at {@code root} + the original path.
     *
     * @return the file
     */
    Path write(Path root) throws DrpException, IOException {
        Path f = root.resolve(originalPath.toString().replaceFirst("^/+", ""));
        Files.createDirectories(f.getParent());
        FitsWriter w = FitsWriter.create();
        Hdu primary = hdus.get(0);
        if (primary.data().kind().equals("image")) {
            if (primary.data().planes() > 1) {
                w.primaryCube(primary.header(), primary.data().images(), primary.data().type());
            } else {
                w.primaryImage(primary.header(), primary.data().plane(0), primary.data().type());
            }
        } else {
            w.primary(primary.header());
        }
        for (Hdu h : hdus.subList(1, hdus.size())) {
            String extname = h.header().getString("EXTNAME").map(String::trim).orElse(null);
            Header cards = h.header().toBuilder().remove("EXTNAME").build();
            switch (h.data().kind()) {
                case "image" -> {
                    if (h.data().planes() > 1) {
                        w.cube(extname, cards, h.data().images(), h.data().type());
                    } else {
                        w.image(extname, cards, h.data().plane(0), h.data().type());
                    }
                }
                case "table" -> w.table(extname, cards, List.of(TableColumn.doubles("TIME", "s",
                        new double[] {0.5, 1.5}), TableColumn.doubles("VALUE", "", new double[] {10.25, 11.75})));
                default -> throw new IllegalStateException(name + ": HDU without data");
            }
        }
        w.write(f, false);
        return f;
    }

    /** Adds the fixture's service answers to an ingest context. */
    IngestContext.Builder services(IngestContext.Builder b) {
        Map<String, Proposal> p = Map.copyOf(proposals);
        b.service(ProposalService.class, semid -> Optional.ofNullable(p.get(semid)));
        if (!schedule.isEmpty()) {
            List<ScheduleEntry> s = schedule;
            b.service(ScheduleService.class, (night, instr, tel) -> s);
        }
        if (oa != null) {
            String o = oa;
            b.service(NightStaffService.class, (night, tel) -> Optional.of(o));
        }
        return b;
    }

    /** @return the resource name, e.g. {@code HI-hires-arclamp.fixture} */
    String name() {
        return name;
    }

    /** @return the first comment line */
    String description() {
        return description;
    }

    /** @return the path the raw file had at the telescope */
    Path originalPath() {
        return originalPath;
    }

    /** @return every HDU, the primary first */
    List<Hdu> hdus() {
        return hdus;
    }

    /**
     * The expectations, as cards. Keywords name cards of the archived (lev0) FITS file's header, or:
     * {@code @KOAID} the archive id (ledger, result and file names), {@code @KOAIMTYP} the image type (ledger and
     * result), {@code @INSTRUMENT} the plugin, {@code @STATUS} the final state, {@code @PROPINT} the proprietary
     * months (ledger), {@code @PROGRAM} the ledger's program, {@code @ABSENT} a keyword the lev0 header must not
     * hold, {@code @WARN} an event code the run must record, {@code @PRODUCT} a product file name suffix that must
     * be published (e.g. {@code .ext2.EVENTS.tbl}), {@code @NOPRODUCT} one that must not. A numeric card whose comment starts with {@code tol x} is
     * compared within x.
     */
    List<Card> expectations() {
        return expectations;
    }

    /** @return the expected value of a key such as {@code @KOAID} */
    Optional<Object> expected(String key) {
        return expectations.stream().filter(c -> c.keyword().equals(key)).findFirst().map(Card::value);
    }

    @Override
    public String toString() {
        return name + ": " + description;
    }
}
