package dev.posterm.drivers.reader.message;

import dev.posterm.drivers.reader.Tlv;
import dev.posterm.drivers.reader.tlv.BerTlv;
import dev.posterm.drivers.reader.tlv.DataObject;
import dev.posterm.drivers.reader.tlv.TlvException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The data objects of one reader message body, looked up by tag; errors name type and tag only. */
final class Fields {
    private final char type;
    private final List<DataObject> objects;

    private Fields(char type, List<DataObject> objects) {
        this.type = type;
        this.objects = objects;
    }

    static Fields of(char type, byte[] body) throws MalformedMessageException {
        try {
            return new Fields(type, BerTlv.decode(body));
        } catch (TlvException e) {
            throw new MalformedMessageException(type + " frame: " + e.getMessage());
        }
    }

    /** The value of the first object with {@code tag}. */
    Optional<byte[]> find(int tag) {
        return objects.stream().filter(o -> o.tag() == tag).findFirst().map(DataObject::value);
    }

    Optional<Integer> singleByte(int tag) throws MalformedMessageException {
        Optional<byte[]> value = find(tag);
        if (value.isPresent() && value.get().length != 1) {
            throw new MalformedMessageException(type + " frame: tag " + Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT)
                    + " must be 1 byte, has " + value.get().length);
        }
        return value.map(v -> v[0] & 0xFF);
    }

    /** Every object that holds no card data (see {@link SensitiveTags}), in frame order. */
    List<Tlv> iccData() {
        List<Tlv> out = new ArrayList<>();
        for (DataObject o : objects) {
            if (!SensitiveTags.holdsCardData(o.tag(), o.value())) {
                out.add(new Tlv(o.tag(), o.value()));
            }
        }
        return out;
    }

    MalformedMessageException missing(String tag) {
        return new MalformedMessageException(type + " frame: tag " + tag + " is missing");
    }

    /**
     * Runs a conversion whose failure must not echo the value: the cause's message is dropped
     * (a null from a BCD decode or an IllegalArgumentException both become "badly coded").
     */
    <T> T typed(String tag, Supplier<T> conversion) throws MalformedMessageException {
        try {
            T value = conversion.get();
            if (value != null) {
                return value;
            }
        } catch (RuntimeException e) {
            // fall through: the cause may hold card data, so it is not chained
        }
        throw new MalformedMessageException(type + " frame: tag " + tag + " is badly coded");
    }
}
