package org.drpkit.archive;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.drpkit.algorithms.qa.AsinhPreview;
import org.drpkit.algorithms.qa.Preview;
import org.drpkit.core.image.Image;

/**
 * Encodes a {@link Preview} as an 8-bit greyscale baseline JPEG through {@code javax.imageio}, at the archive's quality
 * (0.92, matplotlib's {@code savefig} quality 92), in memory. Row 0 of the preview is the top of the picture, so FITS
 * row 0 ends at the bottom (origin lower left).
 *
 * <pre>{@code
 * byte[] jpg = PreviewJpeg.koa(image);   // zscale + asinh, as the archive publishes a single-image frame
 * Files.write(Path.of("frame.jpg"), jpg);
 * }</pre>
 */
public final class PreviewJpeg {

    /** The archive's JPEG quality. */
    public static final float QUALITY = 0.92f;

    private PreviewJpeg() {
    }

    /** @return the archive's default JPEG preview of an image: zscale limits, asinh stretch (a = 0.1), grey */
    public static byte[] koa(Image image) throws IOException {
        return encode(AsinhPreview.render(image, AsinhPreview.Params.DEFAULTS), QUALITY);
    }

    /**
     * @param quality JPEG quality 0..1
     * @return the JPEG bytes
     * @throws IOException when no JPEG writer is installed or encoding fails
     */
    public static byte[] encode(Preview p, float quality) throws IOException {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(p.gray(), 0, dst, 0, dst.length);
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        if (!it.hasNext()) {
            throw new IOException("no JPEG writer in this Java runtime");
        }
        ImageWriter w = it.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, dst.length / 4));
        // in memory: ImageIO.createImageOutputStream would cache through a temporary file (a file created and
        // deleted per picture) whenever ImageIO's disk cache is on, its default
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam param = w.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
