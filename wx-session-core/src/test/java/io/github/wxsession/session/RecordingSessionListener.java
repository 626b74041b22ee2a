package io.github.wxsession.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Writes down every session event as a line such as {@code destroyed u1 EXPIRED}. */
public class RecordingSessionListener implements WxSessionListener {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    /** What each destroyed session's attributes held while its listeners ran. */
    private final Map<String, Map<String, Object>> attributesAtDestroy = new ConcurrentHashMap<>();

    @Override
    public void sessionCreated(WxSession session) {
        events.add("created " + session.getId() + (session.isNew() ? " new" : " NOT-NEW"));
    }

    @Override
    public void sessionDestroyed(WxSession session, WxSessionDestroyReason reason) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        Collections.list(session.getAttributeNames()).forEach(name -> attributes.put(name, session.getAttribute(name)));
        attributesAtDestroy.put(session.getId(), attributes);
        events.add("destroyed " + session.getId() + " " + reason);
    }

    @Override
    public void attributeAdded(WxSession session, String name, Object value) {
        events.add("added " + session.getId() + " " + name + "=" + value);
    }

    @Override
    public void attributeReplaced(WxSession session, String name, Object oldValue, Object newValue) {
        events.add("replaced " + session.getId() + " " + name + "=" + oldValue + "->" + newValue);
    }

    @Override
    public void attributeRemoved(WxSession session, String name, Object oldValue) {
        events.add("removed " + session.getId() + " " + name + "=" + oldValue);
    }

    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public long count(String prefix) {
        return events().stream().filter(e -> e.startsWith(prefix)).count();
    }

    public Map<String, Object> attributesAtDestroy(String sessionId) {
        return attributesAtDestroy.get(sessionId);
    }

    public void clear() {
        events.clear();
        attributesAtDestroy.clear();
    }
}
