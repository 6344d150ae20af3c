package nl.camiso.server.access;

import nl.camiso.server.config.CollectionConfig;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

/** A public TLP:CLEAR collection can be read by anyone, also without an account. Never written by that. */
public final class PublicRule implements AccessRule {

    private final CollectionSettings settings;

    public PublicRule(CollectionSettings settings) {
        this.settings = settings;
    }

    @Override
    public Vote vote(Principal principal, CollectionInfo collection, Access access) {
        if (access != Access.READ) {
            return Vote.ABSTAIN;
        }
        return settings.of(collection).filter(c -> isPublic(c)).isPresent() ? Vote.ALLOW : Vote.ABSTAIN;
    }

    /** Public only when CLEAR (the configuration refuses anything else; checked again here to be sure). */
    public static boolean isPublic(CollectionConfig c) {
        return c.isPublic() && c.tlp() == Tlp.CLEAR;
    }
}
