/**
 * FITS to and from core types. This is the only package tree in drpkit that touches nom-tam-fits; everything
 * else sees {@link org.drpkit.core.header.Header}, {@link org.drpkit.core.image.Image} and friends.
 */
package org.drpkit.fits;
