/**
 * Word lists the generator picks from by hash. Changing any list changes the
 * generated rows (and the checksums) for every seed.
 */
// biome-ignore format: a word list reads best as a block
export const FIRST_NAMES = [
  "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Avery", "Quinn", "Harper", "Emerson",
  "Sam", "Chris", "Pat", "Drew", "Cameron", "Reese", "Rowan", "Skyler", "Hayden", "Peyton",
  "Maria", "Priya", "Wei", "Fatima", "Sofia", "Elena", "Aisha", "Mei", "Nadia", "Ines",
  "James", "Daniel", "Ahmed", "Luca", "Mateo", "Kenji", "Omar", "Ravi", "Tomas", "Noah",
  "Grace", "Hannah", "Chloe", "Zoe", "Ella", "Amelia", "Isla", "Freya", "Leah", "Ruby",
] as const;

/** Planted surnames (Vance, Whitfield, Hughes, Bell) are left out so no generated login collides. */
// biome-ignore format: a word list reads best as a block
export const LAST_NAMES = [
  "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson",
  "Thomas", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Clark",
  "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
  "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
  "Carter", "Roberts", "Patel", "Khan", "Singh", "Okafor", "Kowalski", "Novak", "Schmidt", "Fischer",
  "Murphy", "Kelly", "Evans", "Price", "Shaw", "Reid", "Fraser", "Doyle", "Byrne", "Chen",
] as const;

/** Company names are prefix + suffix + sector + legal form: 20 × 10 × 40 × 6 = 48,000 distinct names. */
// biome-ignore format: a word list reads best as a block
export const COMPANY_PREFIXES = [
  "North", "Blue", "Silver", "Red", "Green", "Oak", "Pine", "Iron", "Bright", "Clear",
  "Stone", "River", "Lake", "Summit", "Harbor", "Maple", "Cedar", "Eagle", "Falcon", "Golden",
] as const;
export const COMPANY_SUFFIXES = [
  "wind",
  "field",
  "bridge",
  "gate",
  "view",
  "point",
  "way",
  "crest",
  "haven",
  "ridge",
] as const;
// biome-ignore format: a word list reads best as a block
export const COMPANY_SECTORS = [
  "Logistics", "Dental", "Law Group", "Foods", "Architects", "Manufacturing", "Realty", "Insurance", "Pharmacy", "Consulting",
  "Engineering", "Media", "Hotels", "Clinic", "Accounting", "Construction", "Schools", "Motors", "Energy", "Bakery",
  "Printing", "Freight", "Textiles", "Labs", "Outfitters", "Brewing", "Studios", "Partners", "Farms", "Marine",
  "Plastics", "Electric", "Furniture", "Travel", "Wealth", "Veterinary", "Robotics", "Publishing", "Analytics", "Apparel",
] as const;
export const COMPANY_FORMS = ["LLC", "Inc.", "Ltd", "GmbH", "& Co", "Group"] as const;

export const TLDS = ["com", "com", "com", "net", "co.uk", "de", "io", "org"] as const;

/** Internationalized domains, already in punycode (each is node:url's domainToASCII of the name beside it). */
export const IDN_DOMAINS = [
  "xn--mnchen-3ya.de", // münchen.de
  "xn--bcher-kva.ch", // bücher.ch
  "xn--caf-dma.fr", // café.fr
  "xn--kln-sna.de", // köln.de
  "xn--zrich-kva.ch", // zürich.ch
  "xn--strae-oqa.de", // straße.de
  "xn--espaa-rta.es", // españa.es
  "xn--mller-kva.de", // müller.de
  "xn--bckerei-schn-gcb6x.at", // bäckerei-schön.at
  "xn--smrgs-pra0j.se", // smörgås.se
] as const;

/**
 * Six subjects per queue (in queue order). Placeholders are filled per ticket
 * (ticket-base.ts): {domain} the customer's domain, {email} a person at it,
 * {n} a server number, {ip} an address, {date} a day a month after creation.
 * The three planted recurring kinds (the nginx alert, the new certificate and
 * the password reset) are the PLANTED_SUBJECTS: each is drawn for three in
 * eight of its queue's tickets, the other five one in eight each.
 */
export const PLANTED_SUBJECTS = [
  "ALERT: nginx down on web-{n}.{domain} ({ip})",
  "New SSL certificate for www.{domain}",
  "Password reset for {email}",
] as const;

export const SUBJECTS: Record<number, readonly string[]> = {
  1: [
    "Cannot send email",
    "Mailbox full",
    "Emails going to spam",
    "Shared mailbox access",
    "Bounce-backs from partner domain",
    "Outlook keeps asking for password",
  ],
  2: [
    "Teams calls dropping",
    "License for new starter",
    "OneDrive not syncing",
    "SharePoint permissions",
    "MFA reset needed",
    "Calendar sharing broken",
  ],
  3: [
    "Website down",
    "Slow WordPress site",
    "PHP version upgrade",
    "FTP login fails",
    "Disk quota exceeded",
    "Restore deleted files on web server",
  ],
  4: [
    "Certificate renewal for {domain}, expires {date}",
    "New SSL certificate for www.{domain}",
    "Certificate warning in browser",
    "Install certificate on server",
    "Wildcard certificate request",
    "CSR generation",
  ],
  5: [
    "VPN won't connect",
    "Site-to-site tunnel down",
    "Firewall rule request",
    "Slow network in office",
    "Wi-Fi dropping",
    "DNS record change",
  ],
  6: [
    "ALERT: disk space low",
    "ALERT: host unreachable",
    "ALERT: high CPU",
    "ALERT: backup job failed",
    "ALERT: certificate expiring",
    "ALERT: nginx down on web-{n}.{domain} ({ip})",
  ],
  7: [
    "Printer not working",
    "New laptop setup",
    "Password reset for {email}",
    "Software install request",
    "Screen flickering",
    "Account locked out",
  ],
  8: [
    "Question about invoice",
    "Update billing contact",
    "Credit card declined",
    "Request for quote",
    "Cancel service",
    "Tax exemption certificate",
  ],
  9: [
    "Laptop won't boot",
    "New starter setup",
    "Password reset for {email}",
    "Printer offline",
    "Software licence query",
    "Phone system fault",
  ],
  10: [
    "Email delivery delay",
    "Mailbox migration",
    "Distribution list change",
    "Phishing email reported",
    "Out-of-office not working",
    "Mailbox permissions",
  ],
  11: [
    "Outage: all users affected",
    "Major incident: payroll system",
    "Data centre link down",
    "Ransomware suspected",
    "Core switch failure",
    "ERP unavailable",
  ],
  12: [
    "Restore request",
    "Backup verification",
    "Offsite backup failing",
    "Retention policy change",
    "Restore test for audit",
    "Backup agent upgrade",
  ],
};

export const CUSTOMER_OPENINGS = [
  "Hi, we are having a problem and need help as soon as possible.",
  "Hello, since this morning this is not working for several of our staff.",
  "Please see the details below and let us know what you need from us.",
  "Hi team, could you take a look at this when you get a chance?",
  "This started after the weekend. Screenshot attached.",
  "Urgent: our office cannot work until this is fixed.",
] as const;

export const CUSTOMER_REPLIES = [
  "Thanks, that worked.",
  "Still not working, see the attached error.",
  "Here is the information you asked for.",
  "We tried that, same result.",
  "Any update on this?",
  "It happened again this morning.",
  "Confirmed, all good on our side now.",
] as const;

export const TECH_REPLIES = [
  "Thanks for reporting this. I'm looking into it now.",
  "Could you send us the exact error message and a screenshot?",
  "I've made a change on our side; please try again and let me know.",
  "We've identified the cause and are working on a fix.",
  "Can you confirm whether this affects all users or just one?",
  "I've scheduled the change for tonight's maintenance window.",
  "Please restart the application and test again.",
] as const;

export const TECH_RESOLUTIONS = [
  "This is now fixed. I'll resolve the ticket; reply if anything comes back.",
  "The issue was a misconfiguration, corrected now. Resolving.",
  "Completed as requested. Resolving this ticket.",
  "Root cause found and fixed; monitoring shows normal behaviour.",
] as const;

export const INTERNAL_NOTES = [
  "Checked logs, error matches known vendor issue.",
  "Called the customer, left a voicemail.",
  "Escalated to vendor, case opened.",
  "Config backed up before change.",
  "Tested from our side: reproduces intermittently.",
  "Waiting for customer's IT contact to grant access.",
] as const;

export const HOLD_NOTES = [
  "On hold: waiting for the vendor.",
  "On hold until the customer's maintenance window.",
  "On hold: hardware on order.",
] as const;

/** What rvance leaves on tickets at night: half a point each in the old cruncher. */
export const BARE_NOTES = [".", "checked", "ok", "-", "seen", "noted", ".."] as const;

export const TIME_NOTES = [
  "Investigation",
  "Remote session with user",
  "Configuration change",
  "Testing",
  "Documentation",
  "Vendor call",
  "Onsite visit",
  "Follow-up",
] as const;
