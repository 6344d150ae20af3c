package nl.camiso.taxii;

import org.glassfish.hk2.utilities.binding.AbstractBinder;

/**
 * How a feature hands its services to its resources: bound by type, so a resource asks for them in
 * an {@code @Inject} constructor instead of looking up a string-keyed property and casting.
 */
public final class Injection {

    private Injection() {
    }

    /**
     * Makes one instance injectable as {@code type}. Create it as an anonymous subclass,
     * {@code context.register(new Injection.Binding<>(services, Services.class) { })}: Jersey keeps
     * only one registered instance per class, so each feature's binding needs a class of its own.
     */
    public abstract static class Binding<T> extends AbstractBinder {
        private final T instance;
        private final Class<T> type;

        protected Binding(T instance, Class<T> type) {
            this.instance = instance;
            this.type = type;
        }

        @Override
        protected void configure() {
            bind(instance).to(type);
        }
    }
}
