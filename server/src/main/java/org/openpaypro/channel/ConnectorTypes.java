package org.openpaypro.channel;

import java.util.ArrayList;
import java.util.List;
import org.openpaypro.channel.mpesa.MpesaDarajaType;
import org.openpaypro.channel.pix.PixBcbType;
import org.openpaypro.channel.simulator.SimulatorType;

/**
 * The registry of connector types this build knows (DESIGN §13): the one list a new rail connector joins, with one
 * line. The simulator is offered in sandbox mode only, so live mode can never create or reach a simulator channel.
 */
public final class ConnectorTypes {
    private ConnectorTypes() {
    }

    /** Every connector type available in this mode. */
    public static List<ConnectorType> available(boolean sandbox, SimulatorType simulator) {
        List<ConnectorType> types = new ArrayList<>();
        // real rails: one line per connector type
        types.add(new MpesaDarajaType());
        types.add(new PixBcbType());
        if (sandbox) {
            types.add(simulator);
        }
        return List.copyOf(types);
    }
}
