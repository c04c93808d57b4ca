package importer

import (
	"net/url"
	"strings"

	"github.com/emersion/go-ical"
)

// conferenceLink finds a video conference link: the properties made for one
// (RFC 7986 CONFERENCE, Google's X-GOOGLE-CONFERENCE, Outlook's Teams
// links), then a link to a known conferencing service in URL, LOCATION or
// DESCRIPTION. Any other link there is a web page, not a meeting room.
func conferenceLink(comp *ical.Component) string {
	for _, p := range comp.Props["CONFERENCE"] {
		if u := httpURL(p.Value); u != "" {
			return u
		}
	}
	for _, name := range []string{"X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"} {
		for _, p := range comp.Props[name] {
			if u := httpURL(p.Value); u != "" {
				return u
			}
		}
	}
	for _, name := range []string{"URL", "LOCATION", "DESCRIPTION"} {
		for _, p := range comp.Props[name] {
			if u := findConferenceURL(icsText(p.Value)); u != "" {
				return u
			}
		}
	}
	return ""
}

// conferenceHosts are the services whose links are meeting rooms.
var conferenceHosts = []string{
	"zoom.us", "zoom.com", "meet.google.com", "teams.microsoft.com", "teams.live.com",
	"webex.com", "whereby.com", "meet.jit.si", "join.skype.com", "gotomeeting.com",
	"meet.goto.com", "bluejeans.com", "chime.aws", "around.co",
}

// findConferenceURL returns the first link in free text to a conferencing
// service.
func findConferenceURL(s string) string {
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "http")
		if j < 0 {
			break
		}
		start := i + j
		end := start
		for end < len(s) && !strings.ContainsRune(" \t\r\n<>\"'()[]{},", rune(s[end])) {
			end++
		}
		if u := httpURL(s[start:end]); u != "" && isConferenceHost(u) {
			return u
		}
		i = end + 1
		if end == start {
			i = start + 4
		}
	}
	return ""
}

// httpURL returns s when it is an http or https link.
func httpURL(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".;")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return s
}

func isConferenceHost(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range conferenceHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}
