//! Which URLs may be fetched and which count as the partner's: the scheme, the registrable
//! domain (public suffix list, via `psl`) and the addresses a host resolves to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::Url;

/// The registrable domain of a host ("blog.partner.co.uk" → "partner.co.uk"), lower case.
/// An IP address or a single label is its own domain.
pub fn registrable_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<IpAddr>().is_ok() || host.starts_with('[') || !host.contains('.') {
        return host;
    }
    // A host that is itself a public suffix ("co.uk") has no registrable domain: it is
    // compared as written, so it never matches a partner's domain by accident.
    psl::domain_str(&host).map_or(host.clone(), str::to_string)
}

/// The partner's domain as written in front matter or config ("partner.com",
/// "https://www.partner.com/", "Partner.COM."), reduced to its registrable domain.
pub fn partner_registrable(domain: &str) -> Option<String> {
    let text = domain.trim();
    let host = match Url::parse(text) {
        Ok(url) if url.host_str().is_some() => url.host_str()?.to_string(),
        _ => text
            .split('/')
            .next()
            .unwrap_or_default()
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    (!host.is_empty()).then(|| registrable_domain(&host))
}

/// Whether `url`'s host sits on the partner's registrable domain: `www.partner.com`,
/// `blog.partner.com` and `partner.com` do; `partner.com.evil.io` and `partnercom.io` do not.
pub fn on_partner_domain(url: &Url, partner: &str) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    partner_registrable(partner).is_some_and(|p| registrable_domain(host) == p)
}

/// Addresses a public page never lives on: private, loopback, link-local, unspecified,
/// shared (CGNAT), documentation, multicast and their IPv6 counterparts.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_non_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_non_public_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || v6 == Ipv6Addr::LOCALHOST
        }
    }
}

fn is_non_public_v4(v4: Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_multicast()
        || v4.is_documentation()
        || (a == 100 && (64..128).contains(&b)) // shared address space (RFC 6598)
        || a == 0
}

/// Top-level names reserved for examples and tests (RFC 2606, RFC 6761): they never
/// resolve, so a sample's `https://www.partner.example/…` is not fetched.
pub fn is_reserved_example(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let tld = host.rsplit('.').next().unwrap_or_default();
    matches!(tld, "example" | "test" | "invalid")
        || host == "example.com"
        || host == "example.org"
        || host == "example.net"
        || host.ends_with(".example.com")
        || host.ends_with(".example.org")
        || host.ends_with(".example.net")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn registrable_domains() {
        for host in [
            "https://www.partner.com/x",
            "https://blog.partner.com",
            "https://partner.com",
        ] {
            assert!(on_partner_domain(&url(host), "partner.com"), "{host}");
        }
        for host in [
            "https://partner.com.evil.io/",
            "https://partnercom.io/",
            "https://evilpartner.com/",
        ] {
            assert!(!on_partner_domain(&url(host), "partner.com"), "{host}");
        }
        assert!(on_partner_domain(
            &url("https://www.partner.co.uk/a"),
            "partner.co.uk"
        ));
        assert!(!on_partner_domain(
            &url("https://other.co.uk/a"),
            "partner.co.uk"
        ));
        assert!(on_partner_domain(
            &url("https://WWW.Partner.com./a"),
            "https://www.partner.com/"
        ));
        assert_eq!(registrable_domain("co.uk"), "co.uk");
        assert!(!on_partner_domain(&url("https://co.uk/"), "partner.co.uk"));
    }

    #[test]
    fn addresses() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "169.254.169.254",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
            "100.64.0.1",
        ] {
            assert!(is_non_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "2606:4700::1111"] {
            assert!(!is_non_public(ip.parse().unwrap()), "{ip}");
        }
        assert!(is_reserved_example("www.partner.example"));
        assert!(!is_reserved_example("www.partner.com"));
    }
}
