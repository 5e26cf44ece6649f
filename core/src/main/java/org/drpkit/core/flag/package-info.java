/** The APOGEE pixel-flag bit table and helpers to set, test, decode and count flags. */
package org.drpkit.core.flag;
