package org.porophase.io;

/** Element types of raw volume files and how they map to ImageJ pixel arrays. */
public enum SampleType {
    U8(1), S8(1), U16(2), S16(2), U32(4), S32(4), F32(4), F64(8);

    /** Bytes per sample. */
    public final int bytes;

    SampleType(int bytes) {
        this.bytes = bytes;
    }

    /** Bit depth of the array {@link RawVolumeSource} returns: 8 (byte[]), 16 (short[]) or 32 (float[]). */
    public int outputBitDepth() {
        return this == U8 ? 8 : this == U16 ? 16 : 32;
    }
}
