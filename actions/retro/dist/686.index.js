export const id = 686;
export const ids = [686];
export const modules = {

/***/ 686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  compileRetro: () => (/* binding */ compileRetro)
});

;// CONCATENATED MODULE: ./actions/lib/anonymize/contact.ts
// Each pattern starts at something rare ("@", a domain name), so the regex engine does not try
// every position of a long text; the surroundings are then read by hand or with a sticky regex.
const EMAIL_AT = /@|[[(]at[\])]/g;
const EMAIL_FROM_LOCAL_PART = /[\p{L}\p{N}._%+-]+(?:@|\s?[[(]at[\])]\s?)[\p{L}\p{N}-]+(?:(?:\.|\s?[[(]dot[\])]\s?)[\p{L}\p{N}-]+)*(?:\.|\s?[[(]dot[\])]\s?)\p{L}{2,}(?![\p{L}\p{N}])/uy;
const LOCAL_PART_CHAR = /[\p{L}\p{N}._%+-]/u;
const PHONE = /(?<![\p{L}\p{N}+])(?:\+|00)?\d[\d ()./-]{7,}\d(?![\p{L}\p{N}])/gu;
const URL_REST = /[^\s<>"'\])]*/uy;
/** Profile pages: the whole address points at one person. */
const PROFILE = /linkedin\.com\/(?:in|pub|profile)|(?:twitter|facebook|instagram|tiktok|medium)\.com|x\.com|fb\.com|threads\.net|keybase\.io|about\.me|dev\.to|bsky\.app\/profile|t\.me|wa\.me|mastodon\.[a-z.]+\/@|mailto:|tel:|sms:/g;
/** A GitHub or GitLab address: a profile when it stops at the owner, or when the owner is a member. */
const FORGE = /(?:github|gitlab)\.com\/([a-z0-9][a-z0-9-]{0,38})(?![a-z0-9-])/g;
const MARKDOWN_LINK = /\[([^\]\n\uE002]{1,300})\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"\n]*")?\s*\)/gu;
/** Profile and forge addresses in a skeleton, with their scheme and "www." if any. */
function findLinks(text) {
    const out = [];
    for (const m of text.matchAll(PROFILE)) {
        const from = linkStart(text, m.index);
        if (from < 0)
            continue;
        out.push({ from, to: trimUrl(text, restEnd(text, m.index + m[0].length)), deeper: false });
    }
    for (const m of text.matchAll(FORGE)) {
        const from = linkStart(text, m.index);
        if (from < 0)
            continue;
        const ownerEnd = m.index + m[0].length;
        const to = trimUrl(text, restEnd(text, ownerEnd));
        const deeper = text.slice(ownerEnd, to).replace(/^\/+|\/+$/g, '') !== '';
        out.push({ from, to, owner: m[1], deeper });
    }
    return out;
}
/** Where an address found at `at` really starts ("https://www." included); -1 inside a longer word. */
function linkStart(text, at) {
    let from = at;
    if (text.startsWith('www.', from - 4))
        from -= 4;
    else if (/^[a-z]{2}\.$/.test(text.slice(from - 3, from)) &&
        !/[\p{L}\p{N}.-]/u.test(text[from - 4] ?? ' '))
        from -= 3;
    if (text.startsWith('https://', from - 8))
        from -= 8;
    else if (text.startsWith('http://', from - 7))
        from -= 7;
    return /[\p{L}\p{N}.-]/u.test(text[from - 1] ?? ' ') ? -1 : from;
}
function restEnd(text, from) {
    URL_REST.lastIndex = from;
    return URL_REST.test(text) ? URL_REST.lastIndex : from;
}
function findEmails(text) {
    const out = [];
    let resumeAt = 0;
    for (const m of text.matchAll(EMAIL_AT)) {
        if (m.index < resumeAt)
            continue;
        let localEnd = m.index;
        if (m[0] !== '@' && text[localEnd - 1] === ' ')
            localEnd--;
        let from = localEnd;
        while (from > 0 && LOCAL_PART_CHAR.test(text[from - 1]))
            from--;
        if (from === localEnd)
            continue;
        EMAIL_FROM_LOCAL_PART.lastIndex = from;
        const email = EMAIL_FROM_LOCAL_PART.exec(text);
        if (!email)
            continue;
        resumeAt = from + email[0].length;
        const address = email[0].replace(/\s?[[(]at[\])]\s?/g, '@').replace(/\s?[[(]dot[\])]\s?/g, '.');
        out.push({ from, to: resumeAt, address });
    }
    return out;
}
/** Emails, phone numbers and links to a person's profile; markdown links to them lose the link. */
function findContacts(folded, context) {
    const text = folded.text;
    const out = [];
    for (const m of text.matchAll(MARKDOWN_LINK)) {
        const url = m[2];
        const owner = personLinkOwner(url, context);
        if (owner === false)
            continue;
        const start = m.index;
        const labelEnd = start + 1 + m[1].length;
        // Keep the label (it is anonymized like any text); drop "[" and "](url)".
        out.push({ from: start, to: start + 1, kind: 'link-markup' });
        out.push({ from: labelEnd, to: start + m[0].length, kind: 'link-target', ...owner });
    }
    for (const email of findEmails(text)) {
        const member = context.emails.get(email.address);
        out.push({
            from: email.from,
            to: email.to,
            kind: 'email',
            ...(member === undefined ? {} : { member }),
        });
    }
    for (const link of findLinks(text)) {
        const member = link.owner === undefined ? undefined : context.logins.get(link.owner);
        if (link.owner !== undefined && member === undefined && link.deeper)
            continue;
        out.push({
            from: link.from,
            to: link.to,
            kind: 'link',
            ...(member === undefined ? {} : { member }),
        });
    }
    for (const m of text.matchAll(PHONE)) {
        if (isPhoneNumber(m[0]))
            out.push({ from: m.index, to: m.index + m[0].length, kind: 'phone' });
    }
    return out;
}
/** `false` when the address is not a person's; otherwise the member it belongs to, if any. */
function personLinkOwner(url, context) {
    const link = findLinks(url).find((l) => l.from === 0);
    if (!link)
        return false;
    const member = link.owner === undefined ? undefined : context.logins.get(link.owner);
    if (member !== undefined)
        return { member };
    return link.owner !== undefined && link.deeper ? false : {};
}
/** Sentence punctuation right after a link belongs to the sentence. */
function trimUrl(text, end) {
    let to = end;
    while (to > 0 && '.,;:!?'.includes(text[to - 1]))
        to--;
    return to;
}
/** Nine to fifteen digits, not a date, a time range or a list of years. */
function isPhoneNumber(candidate) {
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 15)
        return false;
    if (/^\d{4}-\d{2}-\d{2}/.test(candidate))
        return false;
    if (/^(?:(?:19|20)\d{2}[ ,/-]+)+(?:19|20)\d{2}$/.test(candidate))
        return false;
    return true;
}

;// CONCATENATED MODULE: ./actions/lib/anonymize/fold.ts
/**
 * Folding for the replacement: a lower-case, accent-free, look-alike-free "skeleton" of a text in
 * which a name is spelled one way however it was typed, with a map back to the original offsets.
 * (The leak gate folds with its own code in gate.ts; keep the two independent.)
 */
/** Look-alikes of Latin letters that Unicode normalization keeps apart (Cyrillic, Greek, IPA). */
const CONFUSABLES = {
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    ѕ: 's',
    і: 'i',
    ї: 'i',
    ј: 'j',
    һ: 'h',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    ӏ: 'l',
    ь: 'b',
    г: 'r',
    α: 'a',
    β: 'b',
    γ: 'y',
    ε: 'e',
    η: 'n',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ω: 'w',
    ϲ: 'c',
    ɑ: 'a',
    ɡ: 'g',
    ɩ: 'i',
    ʏ: 'y',
};
/** Capitals whose lower case no longer looks like the Latin letter (Greek Eta is "H", not "n"). */
const UPPER_CONFUSABLES = {
    Η: 'h',
    Ν: 'n',
    Β: 'b',
    Ρ: 'p',
    Χ: 'x',
    Υ: 'y',
    Τ: 't',
    Μ: 'm',
    Κ: 'k',
    Ζ: 'z',
    Ι: 'i',
    В: 'b',
    Н: 'h',
    Т: 't',
    М: 'm',
    К: 'k',
    Г: 'r',
};
/** Letters that do not decompose into a base letter plus an accent. */
const LIGATURES = {
    ł: 'l',
    ø: 'o',
    đ: 'd',
    ħ: 'h',
    ı: 'i',
    ß: 'ss',
    æ: 'ae',
    œ: 'oe',
    þ: 'th',
    ð: 'd',
    ŋ: 'n',
};
/** Markdown emphasis and code marks: `**Ana**`, `_Ana_`, `~~Ana~~`, `` `ana` `` all read as Ana. */
const MARKUP = new Set(['*', '_', '~', '`']);
const HYPHENS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\uFF07`´]/;
/** Zero-width, bidi and other invisible format characters, plus the soft hyphen. */
const INVISIBLE = /^(?:[\p{Cf}\u00AD\u115F\u1160\u3164\uFFA0]|\u034F|\u17B4|\u17B5)$/u;
const COMBINING = /\p{M}/gu;
const cache = new Map();
/** Folds one character (a code point) to zero or more skeleton characters. */
function foldChar(ch) {
    const code = ch.charCodeAt(0);
    if (code < 0x80)
        return ASCII_FOLD[code];
    const hit = cache.get(ch);
    if (hit !== undefined)
        return hit;
    const folded = foldUnicode(ch);
    cache.set(ch, folded);
    return folded;
}
function foldUnicode(ch) {
    if (INVISIBLE.test(ch))
        return '';
    if (HYPHENS.test(ch))
        return '-';
    if (APOSTROPHES.test(ch))
        return "'";
    if (/^\s$/u.test(ch))
        return ' ';
    const upper = UPPER_CONFUSABLES[ch];
    if (upper)
        return upper;
    let out = '';
    for (const part of ch.normalize('NFKC').normalize('NFD').replace(COMBINING, '').toLowerCase()) {
        const code = part.charCodeAt(0);
        if (code < 0x80)
            out += ASCII_FOLD[code];
        else {
            const mapped = CONFUSABLES[part] ?? LIGATURES[part] ?? part;
            // The skeleton's promise: anything beyond ASCII is a letter or a digit.
            out += LETTER_OR_DIGIT.test(mapped) ? mapped : OTHER_SYMBOL;
        }
    }
    return out;
}
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]+$/u;
/** What a symbol beyond ASCII ("•", "«", an emoji) becomes: punctuation, never part of a word. */
const OTHER_SYMBOL = '#';
const ASCII_FOLD = Array.from({ length: 128 }, (_, code) => {
    const ch = String.fromCharCode(code);
    if (MARKUP.has(ch))
        return '';
    if (/\s/.test(ch))
        return ' ';
    return ch.toLowerCase();
});
const ASCII_ALNUM = Array.from({ length: 128 }, (_, code) => /[A-Za-z0-9]/.test(String.fromCharCode(code)));
function endsWithLetter(folded) {
    const code = folded.charCodeAt(folded.length - 1);
    return code < 0x80 ? ASCII_ALNUM[code] : /[\p{L}\p{N}]$/u.test(folded);
}
/**
 * Builds the skeleton of `text`. A hyphen at a line break between letters is dropped together with
 * the break ("Kowal-\nski" reads "kowalski"); names spelled with a hyphen match with or without it.
 */
function foldText(text) {
    let units = new Uint16Array(text.length + 16);
    let origin = new Int32Array(text.length + 16);
    let length = 0;
    const grow = (needed) => {
        const size = Math.max(units.length * 2, length + needed + 16);
        const moreUnits = new Uint16Array(size);
        moreUnits.set(units);
        units = moreUnits;
        const moreOrigin = new Int32Array(size);
        moreOrigin.set(origin);
        origin = moreOrigin;
    };
    const SPACE = 0x20;
    let lastWasSpace = true;
    let lastLetter = false;
    for (let i = 0; i < text.length;) {
        const unit = text.charCodeAt(i);
        if (unit < 0x80) {
            // The common case, without allocating: one ASCII character in, at most one out.
            const mapped = ASCII_CODE[unit];
            if (mapped === HYPHEN && lastLetter) {
                const next = lineBreakAfterHyphen(text, i + 1);
                if (next > 0) {
                    i = next;
                    continue;
                }
            }
            if (mapped === SPACE) {
                if (!lastWasSpace) {
                    if (length >= units.length)
                        grow(1);
                    units[length] = SPACE;
                    origin[length++] = i;
                }
                lastWasSpace = true;
                lastLetter = false;
            }
            else if (mapped !== DROPPED) {
                if (length >= units.length)
                    grow(1);
                units[length] = mapped;
                origin[length++] = i;
                lastWasSpace = false;
                lastLetter = ASCII_ALNUM[unit];
            }
            i++;
            continue;
        }
        const code = text.codePointAt(i);
        const width = code > 0xffff ? 2 : 1;
        const folded = foldChar(String.fromCodePoint(code));
        if (folded === '-' && lastLetter) {
            const next = lineBreakAfterHyphen(text, i + width);
            if (next > 0) {
                i = next;
                continue;
            }
        }
        if (folded === ' ') {
            if (!lastWasSpace) {
                if (length >= units.length)
                    grow(1);
                units[length] = SPACE;
                origin[length++] = i;
            }
            lastWasSpace = true;
            lastLetter = false;
        }
        else if (folded !== '') {
            if (length + folded.length > units.length)
                grow(folded.length);
            for (let k = 0; k < folded.length; k++) {
                units[length] = folded.charCodeAt(k);
                origin[length++] = i;
            }
            lastWasSpace = false;
            lastLetter = endsWithLetter(folded);
        }
        i += width;
    }
    return { text: decodeUnits(units.subarray(0, length)), origin: origin.subarray(0, length) };
}
const HYPHEN = 0x2d;
const DROPPED = -1;
const ASCII_CODE = ASCII_FOLD.map((s) => (s === '' ? DROPPED : s.charCodeAt(0)));
// Typed arrays use the platform's byte order, little-endian on every platform Node runs on.
const UTF16 = new TextDecoder('utf-16le');
function decodeUnits(units) {
    return UTF16.decode(units);
}
/** If a line break (and indentation) follows the hyphen and a letter follows that, where it resumes. */
function lineBreakAfterHyphen(text, from) {
    let j = from;
    let sawBreak = false;
    while (j < text.length) {
        const c = text[j];
        if (c === '\n')
            sawBreak = true;
        else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '>')
            break;
        j++;
    }
    return sawBreak && j < text.length && /\p{L}/u.test(text[j]) ? j : -1;
}
/** Folds a short string (an identifier) the same way as a text, without the offset map. */
function foldString(value) {
    return foldText(value).text.trim();
}
/** The original span [start, end) for a skeleton span [from, to). */
function originalSpan(folded, source, from, to) {
    const start = folded.origin[from];
    const last = folded.origin[to - 1];
    const code = source.codePointAt(last);
    return [start, last + (code > 0xffff ? 2 : 1)];
}

// EXTERNAL MODULE: ./node_modules/compromise/src/three.js + 442 modules
var three = __webpack_require__(6063);
// EXTERNAL MODULE: ./actions/lib/anonymize/policy.ts
var policy = __webpack_require__(7009);
;// CONCATENATED MODULE: ./actions/lib/anonymize/outside.ts


const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/**
 * Hashes are cut to 30 bits: V8 keeps such numbers unboxed (a "small integer"), so a Map keyed by
 * them costs no allocation per lookup. Every hit is checked against the word itself.
 */
const HASH_MASK = 0x3fffffff;
/** Slots of a word set's filter: one read of a small table turns nearly every word away. */
const FILTER_SIZE = 1 << 16;
/** compromise's public typings describe world() as `object`; the lexicon is a plain word → tag map. */
const LEXICON = three/* default */.A.world().model.one.lexicon;
const PERSON_TAGS = new Set(['Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName']);
const PERSON_WORDS = new Set(Object.entries(LEXICON)
    .filter(([, tags]) => (Array.isArray(tags) ? tags : [tags]).some((t) => PERSON_TAGS.has(t)))
    .map(([word]) => word));
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'madam']);
/** Capitalized words that start sentences and never name anyone, for the context rules. */
const NOT_NAMES = new Set(`i i'm i've i'd we they he she him them us it you who this that these those there here then when
  what why how the a an my our your his her their its everyone everybody someone somebody nobody
  anyone people team teams management leadership engineering product design sales marketing
  finance legal support ops hr also but and or so yet because after before later today tomorrow
  yesterday monday tuesday wednesday thursday friday saturday sunday january february march april
  may june july august september october november december member members group facilitator
  co-facilitator one each all both`.split(/\s+/));
const LEXICON_TRIGGERS = wordSet([...PERSON_WORDS, ...HONORIFICS]);
/** Known to compromise as something other than a person ("Monday", "Then", "Slack"). */
function isKnownNonPerson(lower) {
    return Object.hasOwn(LEXICON, lower) && !PERSON_WORDS.has(lower);
}
const POSSESSIVE = 1;
const CONTRACTION = 2;
const NON_ASCII = 4;
const CONTRACTION_ENDS = new Set(['t', 're', 've', 'll', 'd', 'm']);
const LETTER = /[\p{L}\p{M}]/u;
function isLetterAt(text, i) {
    const c = text.charCodeAt(i);
    if (c < 0x80)
        return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    return LETTER.test(text[i]);
}
function hashOf(word) {
    let hash = FNV_OFFSET;
    for (let k = 0; k < word.length; k++)
        hash = Math.imul(hash ^ word.charCodeAt(k), FNV_PRIME);
    return hash & HASH_MASK;
}
function wordSet(words) {
    const set = new Set(words);
    const byHash = new Map();
    const filter = new Uint8Array(FILTER_SIZE);
    for (const word of set) {
        const hash = hashOf(word);
        byHash.set(hash, [...(byHash.get(hash) ?? []), word]);
        filter[hash & (FILTER_SIZE - 1)] = 1;
    }
    return { words: set, byHash, filter };
}
/** The words of a text, found once: offsets in typed arrays, lower case and case worked out on demand. */
class Words {
    text;
    starts;
    /** End of the word without a possessive "'s". */
    ends;
    /** Hash of each word in lower case: set lookups without making a string per word. */
    hashes;
    flags;
    /** Lower case of the words beyond ASCII, which take normalizing. */
    folded = new Map();
    /** For each word, 1 + its index in TRIGGERS, or 0 when it is no trigger word. */
    triggerIds;
    count = 0;
    constructor(text) {
        this.text = text;
        // A word takes at least two characters with its separator: room for all without growing.
        const capacity = (text.length >> 1) + 1;
        this.starts = new Int32Array(capacity);
        this.ends = new Int32Array(capacity);
        this.hashes = new Uint32Array(capacity);
        this.flags = new Uint8Array(capacity);
        this.triggerIds = new Uint16Array(capacity);
        const triggers = triggerTable();
        for (let i = 0; i < text.length;) {
            if (!isLetterAt(text, i)) {
                i++;
                continue;
            }
            const start = i;
            let flags = 0;
            let apostrophe = -1;
            let hash = FNV_OFFSET;
            let hashBeforeApostrophe = hash;
            while (i < text.length) {
                const c = text.charCodeAt(i);
                if (c < 0x80 ? (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) : isLetterAt(text, i)) {
                    if (c >= 0x80)
                        flags |= NON_ASCII;
                    hash = Math.imul(hash ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), FNV_PRIME);
                    i++;
                }
                else if ((c === 0x27 || c === 0x2019 || c === 0x2d) &&
                    i + 1 < text.length &&
                    isLetterAt(text, i + 1)) {
                    if (c !== 0x2d) {
                        apostrophe = i;
                        hashBeforeApostrophe = hash;
                    }
                    hash = Math.imul(hash ^ c, FNV_PRIME);
                    i++;
                }
                else
                    break;
            }
            let end = i;
            if (apostrophe >= 0) {
                const tail = text.slice(apostrophe + 1, end).toLowerCase();
                if (tail === 's') {
                    end = apostrophe;
                    flags |= POSSESSIVE;
                    hash = hashBeforeApostrophe;
                }
                else if (CONTRACTION_ENDS.has(tail))
                    flags |= CONTRACTION;
            }
            const index = this.count++;
            this.starts[index] = start;
            this.ends[index] = end;
            this.flags[index] = flags;
            this.hashes[index] = flags & NON_ASCII ? hashOf(this.lower(index)) : hash & HASH_MASK;
            // One lookup per word serves both the lexicon tier and the context rules.
            const wordHash = this.hashes[index];
            const candidates = triggers.filter[wordHash & (FILTER_SIZE - 1)] === 0
                ? undefined
                : triggers.byHash.get(wordHash);
            if (candidates) {
                for (const id of candidates) {
                    if (this.is(index, TRIGGERS[id])) {
                        this.triggerIds[index] = id + 1;
                        break;
                    }
                }
            }
        }
    }
    /** The lexicon name or rule word that word i is (in lower case), if any. */
    trigger(i) {
        const id = this.triggerIds[i];
        return id === 0 ? undefined : TRIGGERS[id - 1];
    }
    /** What word i starts (LEXICON_TRIGGER, RULE_TRIGGER), as bits; 0 for most words. */
    triggerKinds(i) {
        const id = this.triggerIds[i];
        return id === 0 ? 0 : TRIGGER_KINDS[id - 1];
    }
    get length() {
        return this.count;
    }
    word(i) {
        return this.text.slice(this.starts[i], this.ends[i]);
    }
    lower(i) {
        if ((this.flags[i] & NON_ASCII) === 0)
            return this.word(i).toLowerCase();
        let lower = this.folded.get(i);
        if (lower === undefined) {
            lower = this.word(i).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
            this.folded.set(i, lower);
        }
        return lower;
    }
    /** The word of `set` that word i is, in lower case (hash first: most words cost no string). */
    match(i, set) {
        if (i < 0 || i >= this.count)
            return undefined;
        const hash = this.hashes[i];
        if (set.filter[hash & (FILTER_SIZE - 1)] === 0)
            return undefined;
        const candidates = set.byHash.get(hash);
        if (!candidates)
            return undefined;
        for (const candidate of candidates)
            if (this.is(i, candidate))
                return candidate;
        return undefined;
    }
    /** Word i, in lower case, is `word` (compared in place for plain ASCII words). */
    is(i, word) {
        if (i < 0 || i >= this.count)
            return false;
        if (this.flags[i] & NON_ASCII)
            return this.lower(i) === word;
        const start = this.starts[i];
        if (this.ends[i] - start !== word.length)
            return false;
        for (let k = 0; k < word.length; k++) {
            const c = this.text.charCodeAt(start + k);
            if ((c >= 0x41 && c <= 0x5a ? c + 32 : c) !== word.charCodeAt(k))
                return false;
        }
        return true;
    }
    /** "Priya", "Mei-Ling", "McAdams"; not "priya" and not an acronym like "CTO". */
    capitalized(i) {
        if (i < 0 || i >= this.count)
            return false;
        const start = this.starts[i];
        const end = this.ends[i];
        const first = this.text.charCodeAt(start);
        if (first < 0x80) {
            if (first < 0x41 || first > 0x5a)
                return false;
        }
        else {
            const c = this.text[start];
            if (c === c.toLowerCase())
                return false;
        }
        if (end - start === 1)
            return true;
        for (let k = start + 1; k < end; k++) {
            const c = this.text.charCodeAt(k);
            if (c >= 0x61 && c <= 0x7a)
                return true;
            if (c >= 0x80) {
                const ch = this.text[k];
                if (ch !== ch.toUpperCase())
                    return true;
            }
        }
        return false;
    }
    possessive(i) {
        return (this.flags[i] & POSSESSIVE) !== 0;
    }
    contraction(i) {
        return (this.flags[i] & CONTRACTION) !== 0;
    }
    /** The characters between word i-1 (and its possessive) and word i. */
    gap(i) {
        const previousEnd = this.ends[i - 1] + (this.possessive(i - 1) ? 2 : 0);
        return this.text.slice(previousEnd, this.starts[i]);
    }
    /** Word i follows word i-1 after a space or two, as the parts of a name do. */
    adjacent(i) {
        if (i <= 0 || i >= this.count || this.possessive(i - 1))
            return false;
        const gap = this.gap(i);
        return gap === ' ' || /^[ \t]{1,2}$/.test(gap);
    }
    /** No sentence ends between word i-1 and word i. */
    sameSentence(i) {
        if (i <= 0 || i >= this.count)
            return false;
        const gap = this.gap(i);
        return gap === ' ' || !/[!?\n]|\.\s/.test(gap.replace(/^\./, ''));
    }
}
/**
 * People named in `text` who are not covered already (`covered(start, end)` says whether a span
 * overlaps a roster or contact replacement). `known` carries the words of names found so far, in
 * this text or earlier ones: once "Xiomara" is flagged, "Xiomara is now our strongest engineer" is
 * caught too, where no rule fires. Common words are not carried over.
 */
function findOutsideNames(text, covered, options = {}, known = new Set()) {
    const words = new Words(text);
    const found = [];
    if (options.compromise !== false)
        found.push(...lexiconAndParser(words, covered));
    if (options.rules !== false)
        found.push(...contextRules(words), ...mentions(text));
    const names = mergeSpans(found.filter(([s, e]) => !covered(s, e)), text);
    // The same few names come up again and again: each spelling is read once.
    const spellings = new Set(names.map((name) => name.text));
    for (const spelling of spellings)
        for (const word of propagatableWords(spelling))
            known.add(word);
    if (known.size === 0)
        return names;
    const knownWords = wordSet([...known].map((w) => w.toLowerCase()));
    const again = [];
    for (let i = 0, count = words.length; i < count; i++) {
        if (words.match(i, knownWords) === undefined || !known.has(words.word(i)))
            continue;
        const span = [words.starts[i], words.ends[i]];
        if (!covered(span[0], span[1]))
            again.push(span);
    }
    return again.length === 0
        ? names
        : mergeSpans([...names.map((n) => [n.start, n.end]), ...again], text);
}
function lexiconAndParser(words, covered) {
    const out = [];
    const isCovered = (i) => covered(words.starts[i], words.ends[i]);
    for (let i = 0, count = words.length; i < count; i++) {
        if ((words.triggerKinds(i) & LEXICON_TRIGGER) === 0 || words.contraction(i))
            continue;
        const lower = words.trigger(i);
        const honorific = HONORIFICS.has(lower);
        if (isCovered(i))
            continue;
        if (honorific) {
            if (words.capitalized(i + 1) && words.sameSentence(i + 1) && !isCovered(i + 1)) {
                const [, last] = growName(words, i + 1, isCovered);
                out.push([words.starts[i], words.ends[last]]);
                i = last;
            }
            continue;
        }
        const common = policy/* COMMON_WORD_NAMES */.U_.has(lower);
        const capitalized = words.capitalized(i);
        if (capitalized && !common) {
            const [first, last] = growName(words, i, isCovered);
            out.push([words.starts[first], words.ends[last]]);
            i = last;
        }
        else if (capitalized || !common) {
            out.push(...parseWindow(words, i, covered));
        }
    }
    return out;
}
/** Extends a name over neighbouring capitalized words the lexicon does not know as something else. */
function growName(words, at, isCovered) {
    let first = at;
    let last = at;
    while (last - at < 3 && words.adjacent(last + 1) && nameLike(words, last + 1, isCovered))
        last++;
    while (at - first < 2 && words.adjacent(first) && nameLike(words, first - 1, isCovered))
        first--;
    return [first, last];
}
function nameLike(words, i, isCovered) {
    return (words.capitalized(i) &&
        !words.contraction(i) &&
        !isKnownNonPerson(words.lower(i)) &&
        !NOT_NAMES.has(words.lower(i)) &&
        !isCovered(i));
}
const windowCache = new Map();
const WINDOW_WORDS = 4;
/** Lets compromise's parser judge an ambiguous word from the few words around it. */
function parseWindow(words, at, covered) {
    let first = at;
    let last = at;
    while (first > 0 && at - first < WINDOW_WORDS && words.sameSentence(first))
        first--;
    while (last + 1 < words.length && last - at < WINDOW_WORDS && words.sameSentence(last + 1))
        last++;
    const from = words.starts[first];
    const window = words.text.slice(from, words.ends[last]);
    const people = windowCache.get(window) ?? parsePeople(window);
    const targetStart = words.starts[at];
    const targetEnd = words.ends[at];
    return people
        .map(([s, e]) => trimSpan(words.text, from + s, from + e))
        .filter(([s, e]) => e > s && s < targetEnd && e > targetStart && !covered(s, e))
        .filter(([s, e]) => !isOnlyCommonWords(words.text.slice(s, e)));
}
function parsePeople(window) {
    const people = (0,three/* default */.A)(window).people().json({ offset: true }).map((p) => [p.offset.start, p.offset.start + p.offset.length]);
    if (windowCache.size > 50_000)
        windowCache.clear();
    windowCache.set(window, people);
    return people;
}
/** compromise's spans carry trailing punctuation and the possessive: "Sarah Connor," "Fatima's". */
function trimSpan(text, start, end) {
    let e = end;
    const trailing = /[^\p{L}\p{M}]/u;
    while (e > start && trailing.test(text[e - 1]))
        e--;
    if (/['’][sS]$/.test(text.slice(start, e)))
        e -= 2;
    while (e > start && trailing.test(text[e - 1]))
        e--;
    return [start, e];
}
function isOnlyCommonWords(span) {
    const words = new Words(span);
    for (let i = 0; i < words.length; i++) {
        if (words.capitalized(i) || !policy/* COMMON_WORD_NAMES */.U_.has(words.lower(i)))
            return false;
    }
    return true;
}
// Context rules, read from the words with set lookups.
const ROLE_WORDS = `manager boss report reports wife husband partner spouse girlfriend boyfriend fiance
  fiancee son daughter kid child mom mum mother dad father brother sister cousin friend colleague
  coworker co-worker peer teammate cto ceo cfo coo cpo vp svp evp founder cofounder co-founder
  director lead techlead tech-lead mentor mentee coach therapist recruiter hire newhire new-hire
  intern engineer designer pm em architect investor customer client neighbour neighbor landlord
  doctor skip-level skiplevel direct-report product-manager staff-engineer`.split(/\s+/);
/** Roles written as one word ("manager", "co-founder"). */
const ROLES = wordSet(ROLE_WORDS);
/** Roles written as two ("tech lead", "skip level"), by their first word. */
const TWO_WORD_ROLES = new Map(ROLE_WORDS.filter((w) => w.includes('-'))
    .map((w) => w.split('-'))
    .reduce((map, [first, second]) => map.set(first, [...(map.get(first) ?? []), second]), new Map()));
const ROLE_FIRST_WORDS = wordSet(TWO_WORD_ROLES.keys());
const DETERMINERS = wordSet([
    'my',
    'our',
    'his',
    'her',
    'their',
    'your',
    'a',
    'the',
    'new',
    'former',
]);
const ROLE_ADJECTIVES = wordSet([
    'new',
    'former',
    'old',
    'current',
    'previous',
    'ex',
    'senior',
    'junior',
]);
/** Verbs after a name: "Kenji said"; several words where needed ("pushed back"). */
const VERBS_AFTER = phraseIndex(`said says told tells asked asks thinks thought felt feels wanted wants left joined quit resigned
  replied complained argued agreed disagreed cried yelled snapped suggested mentioned admitted
  explained insisted promised refused decided shared realized realised reminded`
    .split(/\s+/)
    .concat([
    'pushed back',
    'got promoted',
    'was promoted',
    'was fired',
    'was laid off',
    'burned out',
    'went on leave',
]));
/** Verbs before a name, directly ("hired Xiomara") or with "to"/"with" ("talked to Priya"). */
const VERBS_BEFORE = new Set(`asked told thanked hired fired promoted mentored coached called emailed messaged pinged texted
  praised blamed interviewed onboarded convinced reminded invited introduced managing manage managed`.split(/\s+/));
const VERBS_WITH = new Set(`talked spoke speak talk met meeting chatted argued disagreed agreed worked paired one-on-one lunch
  coffee dinner call sync`.split(/\s+/));
const RELATIONS = wordSet(`wife husband partner kid kids children son daughter manager boss team feedback idea report reports
  promotion review mom dad mother father advice comment question reaction resignation departure
  burnout offer leave`.split(/\s+/));
const RULE_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof']);
const RULE_TRIGGERS = wordSet([
    ...DETERMINERS.words,
    ...VERBS_AFTER.keys(),
    ...VERBS_BEFORE,
    ...VERBS_WITH,
    'with',
    'from',
    ...RULE_HONORIFICS,
]);
/** Words either tier looks at closely, each with the kinds of trigger it is. */
const TRIGGERS = [
    ...new Set([...LEXICON_TRIGGERS.words, ...RULE_TRIGGERS.words]),
];
const LEXICON_TRIGGER = 1;
const RULE_TRIGGER = 2;
const TRIGGER_KINDS = Uint8Array.from(TRIGGERS, (w) => (LEXICON_TRIGGERS.words.has(w) ? LEXICON_TRIGGER : 0) |
    (RULE_TRIGGERS.words.has(w) ? RULE_TRIGGER : 0));
let triggers;
/** The ids of TRIGGERS by hash; built on first use, after both lists exist. */
function triggerTable() {
    if (triggers)
        return triggers;
    const byHash = new Map();
    const filter = new Uint8Array(FILTER_SIZE);
    TRIGGERS.forEach((word, id) => {
        const hash = hashOf(word);
        byHash.set(hash, [...(byHash.get(hash) ?? []), id]);
        filter[hash & (FILTER_SIZE - 1)] = 1;
    });
    triggers = { byHash, filter };
    return triggers;
}
function phraseIndex(phrases) {
    const index = new Map();
    for (const phrase of phrases) {
        const [first, ...rest] = phrase.split(' ');
        index.set(first, [...(index.get(first) ?? []), rest]);
    }
    return index;
}
/**
 * A strong context (a role word right before, an apposition, an honorific) makes even a common
 * word a name ("my partner Robin"); a weak one (a verb after) does not ("Slack said").
 */
function contextRules(words) {
    const out = [];
    const add = (first, last, strong) => {
        const span = trimToName(words, first, last, strong);
        if (span)
            out.push(span);
    };
    /** A name of one or two capitalized words ending at word `last`. */
    const nameEndingAt = (last) => words.capitalized(last - 1) && words.adjacent(last) ? last - 1 : last;
    /** A name of one or two capitalized words starting at word `first`. */
    const nameStartingAt = (first) => words.capitalized(first + 1) && words.adjacent(first + 1) ? first + 1 : first;
    /** The number of words of a role starting at word k ("manager", "tech lead"), or 0. */
    const roleAt = (k) => {
        if (words.match(k, ROLES) !== undefined)
            return 1;
        const first = words.match(k, ROLE_FIRST_WORDS);
        if (first === undefined || !words.adjacent(k + 1))
            return 0;
        return TWO_WORD_ROLES.get(first)?.some((second) => words.is(k + 1, second)) ? 2 : 0;
    };
    const roleAfterDeterminer = (k) => {
        let at = k;
        if (words.match(at, ROLE_ADJECTIVES) !== undefined)
            at++;
        const length = roleAt(at);
        return length === 0 ? 0 : at + length - k;
    };
    for (let i = 0, count = words.length; i < count; i++) {
        // "Raj's advice"
        if (words.possessive(i) &&
            words.capitalized(i) &&
            words.match(i + 1, RELATIONS) !== undefined &&
            /^\s+$/.test(words.gap(i + 1))) {
            add(nameEndingAt(i), i, false);
        }
        // "Thandiwe, a new hire"
        if (i + 1 < count &&
            words.text.charCodeAt(words.ends[i]) === 0x2c &&
            words.capitalized(i) &&
            /^,\s+$/.test(words.gap(i + 1)) &&
            words.match(i + 1, DETERMINERS) !== undefined &&
            roleAfterDeterminer(i + 2) > 0) {
            add(nameEndingAt(i), i, true);
        }
        // The rules below start at a rule word, which most words are not. (The order in which spans
        // are added does not matter: they are sorted and merged.)
        if ((words.triggerKinds(i) & RULE_TRIGGER) === 0)
            continue;
        const lower = words.trigger(i);
        // "my manager Priya", "our CTO, Kenji Watanabe"
        const length = DETERMINERS.words.has(lower) ? roleAfterDeterminer(i + 1) : 0;
        if (length > 0 && words.sameSentence(i + 1)) {
            const name = i + 1 + length;
            if (words.capitalized(name) && /^\s*,?\s+$/.test(words.gap(name))) {
                add(name, nameStartingAt(name), true);
            }
        }
        // "Kenji said", "Oluwaseun pushed back"
        const verbs = VERBS_AFTER.get(lower);
        if (verbs && words.capitalized(i - 1) && words.adjacent(i)) {
            const fits = verbs.some((rest) => rest.every((w, k) => words.is(i + 1 + k, w) && words.adjacent(i + 1 + k)));
            if (fits)
                add(nameEndingAt(i - 1), i - 1, false);
        }
        // "hired Xiomara", "talked to Priya", "1:1 with Raj"
        let target = -1;
        if (VERBS_BEFORE.has(lower))
            target = i + 1;
        else if (VERBS_WITH.has(lower) && (words.is(i + 1, 'to') || words.is(i + 1, 'with')))
            target = i + 2;
        else if (lower === 'with' && /1:1\s*$/.test(words.gap(i)))
            target = i + 1;
        if (target > 0 &&
            words.capitalized(target) &&
            words.sameSentence(target) &&
            !words.gap(target).includes(',')) {
            add(target, nameStartingAt(target), false);
        }
        // "Chidi from Cyberdyne"
        if (lower === 'from' && words.capitalized(i - 1) && words.adjacent(i)) {
            const next = words.is(i + 1, 'the') ? i + 2 : i + 1;
            if (words.capitalized(next) && words.sameSentence(next))
                add(nameEndingAt(i - 1), i - 1, false);
        }
        // "Dr. Okafor"
        if (RULE_HONORIFICS.has(lower) &&
            words.capitalized(i + 1) &&
            /^\.?\s+$/.test(words.gap(i + 1))) {
            add(i + 1, nameStartingAt(i + 1), true);
        }
    }
    return out;
}
/** Drops leading and trailing words that are no name ("Then", "The", "Monday"). */
function trimToName(words, from, to, strong) {
    let first = from;
    let last = to;
    while (first <= last && !isNameWord(words, first, strong))
        first++;
    while (last >= first && !isNameWord(words, last, strong))
        last--;
    return first > last ? undefined : [words.starts[first], words.ends[last]];
}
function isNameWord(words, i, strong) {
    const lower = words.lower(i);
    return !words.contraction(i) && !NOT_NAMES.has(lower) && (strong || !isKnownNonPerson(lower));
}
const MENTION = /@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\p{L}\p{N}@/-])/uy;
const BEFORE_MENTION = /[\p{L}\p{N}._%+\-@/]/u;
const GROUP_MENTIONS = new Set(['here', 'channel', 'everyone', 'all', 'team', 'room']);
/** `@someone` who is not a member (members are covered before this runs). */
function mentions(text) {
    const out = [];
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
        if (at > 0 && BEFORE_MENTION.test(text[at - 1]))
            continue;
        MENTION.lastIndex = at;
        const m = MENTION.exec(text);
        if (!m || GROUP_MENTIONS.has(m[1].toLowerCase()))
            continue;
        out.push([at, at + m[0].length]);
    }
    return out;
}
/** Words of a flagged name worth looking for elsewhere; common words are not. */
function propagatableWords(name) {
    const words = new Words(name);
    const out = [];
    for (let i = 0; i < words.length; i++) {
        const lower = words.lower(i);
        if (words.capitalized(i) &&
            [...lower].length >= 3 &&
            !policy/* COMMON_WORD_NAMES */.U_.has(lower) &&
            !NOT_NAMES.has(lower) &&
            !HONORIFICS.has(lower) &&
            !isKnownNonPerson(lower)) {
            out.push(words.word(i));
        }
    }
    return out;
}
function mergeSpans(spans, text) {
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const out = [];
    for (const [start, end] of spans) {
        const last = out.at(-1);
        if (last && start <= last.end) {
            if (end > last.end) {
                last.end = end;
                last.text = text.slice(last.start, end);
            }
            continue;
        }
        out.push({ start, end, text: text.slice(start, end) });
    }
    return out;
}

;// CONCATENATED MODULE: ./actions/lib/anonymize/roster.ts


/**
 * A letter or digit of the skeleton, where everything beyond ASCII is one (see Folded): a plain
 * class keeps the regex free of Unicode property tables, which V8 compiles slowly at this size.
 */
const WORD = '[a-z0-9\\u0080-\\uffff]';
const roster_LETTER = '[a-z\\u0080-\\uffff]';
/** Not inside a longer word; a possessive "'s" may follow, a contraction ("Don't") may not. */
const NAME_END = `(?!${WORD}|'(?!s(?!${WORD}))${roster_LETTER})`;
/** Logins may contain hyphens, so "ana" must not match the start of "ana-dev". */
const LOGIN_END = `(?!${WORD}|-${WORD})`;
/** Every spelling of every roster identifier, folded with the replacement's own folding. */
function rosterIdentifiers(roster) {
    const out = [];
    const add = (category, raw, member, lenient = false) => {
        const value = foldString(raw).replace(/^[^\p{L}\p{N}@]+|[^\p{L}\p{N}]+$/gu, '');
        if ([...value.replace(/[^\p{L}\p{N}]/gu, '')].length < policy/* MIN_IDENTIFIER_LENGTH */.kH)
            return;
        out.push({ category, value, lenient, ...(member === undefined ? {} : { member }) });
    };
    roster.members.forEach((m, member) => {
        addPhrase(m.name, (part, lenient) => add('name', part, member, lenient));
        for (const alias of m.aliases ?? [])
            add('alias', alias, member, isLenientWord(foldString(alias)));
        const login = foldString(m.github);
        add('login', login, member, isLenientWord(login));
        if (m.email)
            addEmail(m.email, member, add);
        if (m.employer)
            addEmployer(m.employer, add);
    });
    for (const word of roster.redact ?? [])
        add('redact', word);
    return out;
}
/** The whole phrase, each run of two or more of its words, and each word that is not a particle. */
function addPhrase(phrase, add) {
    const words = foldString(phrase)
        .split(' ')
        .map((w) => w.replace(/\.+$/, ''))
        .filter((w) => w.length > 0);
    for (let i = 0; i < words.length; i++) {
        for (let j = i + 2; j <= words.length; j++) {
            const run = words.slice(i, j);
            add(run.join(' '), run.every((w) => isLenientWord(w) || policy/* SURNAME_PARTICLES */.u7.has(w)));
        }
    }
    for (const word of words) {
        const pieces = word.includes('-') ? [word, ...word.split('-')] : [word];
        for (const piece of pieces) {
            if (policy/* SURNAME_PARTICLES */.u7.has(piece))
                continue;
            add(piece, isLenientWord(piece));
        }
    }
}
function addEmail(email, member, add) {
    const folded = foldString(email);
    const at = folded.lastIndexOf('@');
    if (at < 0)
        return;
    const local = folded.slice(0, at);
    const domain = folded.slice(at + 1);
    add('email', folded, member);
    add('email', local, member, isLenientWord(local));
    if (!policy/* FREE_MAIL_DOMAINS */.$b.has(domain)) {
        add('employer', domain);
        const label = organizationLabel(domain);
        if (label)
            add('employer', label, undefined, isLenientWord(label));
    }
}
function addEmployer(employer, add) {
    const words = foldString(employer).split(' ');
    add('employer', words.join(' '), undefined, words.length === 1 && isLenientWord(words[0]));
    const core = [...words];
    while (core.length > 1 && policy/* EMPLOYER_SUFFIXES */.gj.has(core.at(-1).replace(/\./g, '')))
        core.pop();
    if (core.length < words.length) {
        add('employer', core.join(' '), undefined, core.length === 1 && isLenientWord(core[0]));
    }
}
/** "acme" for acme.io, eng.acme.com or acme.co.uk. */
function organizationLabel(domain) {
    const labels = domain.split('.');
    labels.pop();
    if (labels.length > 1 &&
        ['co', 'com', 'org', 'net', 'ac', 'gov', 'edu'].includes(labels.at(-1))) {
        labels.pop();
    }
    const label = labels.at(-1);
    return label && label.length >= 3 ? label : undefined;
}
function isLenientWord(word) {
    const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
    return policy/* COMMON_WORD_NAMES */.U_.has(word) || [...letters].length <= policy/* SHORT_NAME_LENGTH */.Iw;
}
/** Letters and digits only: "Anne-Marie", "anne marie" and "annemarie" share one key. */
function identifierKey(folded) {
    // Most matches are plain letters and digits already: no regex for them.
    return PLAIN_KEY.test(folded) ? folded : folded.replace(/[^\p{L}\p{N}]/gu, '');
}
const PLAIN_KEY = /^[a-z0-9]*$/;
function roster_escape(value) {
    return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
const SEPARATOR_ATOM = '[- ]{0,3}';
/**
 * One identifier as regex atoms, one step each: a character, an optional separator, the end
 * check. A separator inside a name may be spaces, hyphens or nothing; a login may be written with
 * "@" (a second spelling) and may lose a hyphen at a line break ("ana-\ndev" folds to "anadev").
 */
function spellings(id) {
    const chars = (value) => [...value].map(roster_escape);
    if (id.category === 'login') {
        const body = [...id.value].map((c) => (c === '-' ? '-?' : roster_escape(c)));
        return [
            [...body, LOGIN_END],
            ['@', ...body, LOGIN_END],
        ];
    }
    if (id.category === 'email' && id.value.includes('@'))
        return [[...chars(id.value), `(?!${WORD})`]];
    const atoms = [];
    for (const c of id.value) {
        const atom = c === ' ' || c === '-' ? SEPARATOR_ATOM : c === "'" ? "'?" : c === '.' ? '\\.? ?' : roster_escape(c);
        if (atom === SEPARATOR_ATOM && atoms.at(-1) === SEPARATOR_ATOM)
            continue;
        atoms.push(atom);
    }
    const plural = !id.lenient &&
        (id.category === 'name' || id.category === 'alias') &&
        !id.value.includes(' ') &&
        [...id.value].length >= 3;
    return [[...atoms, ...(plural ? ['s?'] : []), NAME_END]];
}
/**
 * The whole roster as one regex shaped like a trie: "ana", "ana-dev" and "anne-marie" share their
 * "an", so the engine reads each position once, however many members there are. Longer paths come
 * before spellings that stop, so "ana-dev" wins over "ana".
 */
function trieRegex(spelled) {
    const root = { next: new Map(), ends: new Set() };
    for (const atoms of spelled) {
        let node = root;
        for (const atom of atoms.slice(0, -1)) {
            let child = node.next.get(atom);
            if (!child) {
                child = { next: new Map(), ends: new Set() };
                node.next.set(atom, child);
            }
            node = child;
        }
        node.ends.add(atoms.at(-1));
    }
    const emit = (node) => {
        const parts = [...node.next.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([atom, child]) => atom + emit(child))
            .concat([...node.ends].sort());
        return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
    };
    return emit(root);
}
/**
 * Finds roster identifiers in a skeleton with one regex for the whole roster, built once: the
 * alternatives are tried longest first, so "ana-dev" wins over "ana" at the same place.
 */
class RosterMatcher {
    regex;
    keys = new Map();
    /** Every beginning of every key ("a", "an", "ana", ...), and keys with a plural "s". */
    beginnings = new Set();
    /**
     * Those beginnings hashed into a small table: one read, without making a string of the word,
     * turns nearly every word of a text away.
     */
    filter = new Uint8Array(roster_FILTER_SIZE);
    longest = 0;
    constructor(roster) {
        const ids = rosterIdentifiers(roster);
        for (const id of ids) {
            const key = identifierKey(id.value);
            const info = this.keys.get(key);
            if (info) {
                info.ids.push(id);
                info.lenient &&= id.lenient;
            }
            else
                this.keys.set(key, { ids: [id], lenient: id.lenient });
        }
        for (const key of this.keys.keys()) {
            for (let n = 1; n <= key.length; n++)
                this.beginnings.add(key.slice(0, n));
            this.beginnings.add(`${key}s`);
            this.longest = Math.max(this.longest, key.length + 1);
        }
        for (const beginning of this.beginnings) {
            let hash = roster_FNV_OFFSET;
            for (let k = 0; k < beginning.length; k++) {
                hash = Math.imul(hash ^ beginning.charCodeAt(k), roster_FNV_PRIME);
            }
            this.filter[hash & (roster_FILTER_SIZE - 1)] = 1;
        }
        this.regex = ids.length === 0 ? undefined : new RegExp(trieRegex(ids.flatMap(spellings)), 'y');
    }
    /**
     * Matches in the skeleton; `source` decides the capitalized-only rule on the original letters.
     * The regex runs only where a word starts that could begin a key, so a long text costs a hash
     * and a table read per word, whatever the size of the roster.
     */
    find(folded, source) {
        if (!this.regex)
            return [];
        const out = [];
        const text = folded.text;
        const regex = new RegExp(this.regex);
        const tryAt = (at) => {
            regex.lastIndex = at;
            const m = regex.exec(text);
            return m ? this.accept(m[0], at, folded, source) : undefined;
        };
        for (let i = 0; i < text.length;) {
            if (!isWordUnit(text, i)) {
                i++;
                continue;
            }
            let hash = Math.imul(roster_FNV_OFFSET ^ text.charCodeAt(i), roster_FNV_PRIME);
            let end = i + 1;
            while (end < text.length && isWordUnit(text, end)) {
                hash = Math.imul(hash ^ text.charCodeAt(end), roster_FNV_PRIME);
                end++;
            }
            if (end - i > this.longest ||
                this.filter[hash & (roster_FILTER_SIZE - 1)] === 0 ||
                !this.beginnings.has(text.slice(i, end))) {
                i = end;
                continue;
            }
            const mention = i > 0 && text.charCodeAt(i - 1) === AT_SIGN && !isWordUnit(text, i - 2);
            const match = (mention ? tryAt(i - 1) : undefined) ?? tryAt(i);
            if (match) {
                out.push(match);
                i = Math.max(match.to, end);
            }
            else
                i = end;
        }
        return out;
    }
    accept(text, from, folded, source) {
        const to = from + text.length;
        const info = this.lookup(text);
        if (!info)
            return undefined;
        const strict = text.startsWith('@');
        if (!strict && info.lenient) {
            if (!startsCapitalized(source, folded.origin[from]))
                return undefined;
            if (isMonth(identifierKey(text), folded.text, from, to))
                return undefined;
        }
        const meaning = strict
            ? (info.mentioned ??= resolve(info.ids, true))
            : (info.resolved ??= resolve(info.ids, false));
        return { from, to, ...meaning };
    }
    lookup(matched) {
        const key = identifierKey(matched);
        return this.keys.get(key) ?? (key.endsWith('s') ? this.keys.get(key.slice(0, -1)) : undefined);
    }
}
const AT_SIGN = 0x40;
const roster_FILTER_SIZE = 1 << 16;
const roster_FNV_OFFSET = 0x811c9dc5;
const roster_FNV_PRIME = 0x01000193;
function isWordUnit(text, at) {
    if (at < 0 || at >= text.length)
        return false;
    const c = text.charCodeAt(at);
    return c >= 0x80 || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}
/** "in May", "May 2027": the month, not the member (see MONTH_NAMES). Reads the skeleton. */
function isMonth(key, skeleton, from, to) {
    if (!policy/* MONTH_NAMES */.oy.has(key))
        return false;
    const after = skeleton.slice(to, to + 3);
    if (after.startsWith("'s"))
        return false;
    if (/^ \d/.test(after))
        return true;
    const before = /([a-z]+)[ -]$/.exec(skeleton.slice(Math.max(0, from - 12), from));
    return before !== null && policy/* MONTH_LEAD_WORDS */.mj.has(before[1]);
}
function startsCapitalized(source, at) {
    const code = source.charCodeAt(at);
    if (code < 0x80)
        return code >= 0x41 && code <= 0x5a;
    const ch = String.fromCodePoint(source.codePointAt(at));
    return ch !== ch.toLowerCase();
}
const CATEGORY_ORDER = [
    'name',
    'alias',
    'login',
    'email',
    'employer',
    'redact',
];
function resolve(ids, mention) {
    const category = mention
        ? 'login'
        : CATEGORY_ORDER.find((c) => ids.some((id) => id.category === c));
    const members = new Set(ids.map((id) => id.member));
    if (members.size === 1 && !members.has(undefined)) {
        return { category, member: ids[0]?.member, stand: 'member' };
    }
    if (!members.has(undefined))
        return { category, stand: 'members' };
    if (ids.every((id) => id.category === 'employer'))
        return { category, stand: 'employer' };
    if (ids.every((id) => id.category === 'redact'))
        return { category, stand: 'redact' };
    return { category, stand: members.size > 1 ? 'members' : 'redact' };
}

;// CONCATENATED MODULE: ./actions/lib/anonymize/anonymizer.ts





/** What stands in for what was removed. Members get `Member A`, `Member B`, ... in `finish`. */
const MARKERS = {
    members: '[a member]',
    employer: '[a company]',
    redact: '[redacted]',
    email: '[email]',
    phone: '[phone]',
    link: '[link removed]',
    outside: '[someone]',
};
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const PRIVATE_MARKS = /[\uE000\uE001\uE002]/g;
/** Between texts redacted together: a paragraph break no name, address or sentence runs across. */
const BETWEEN = '\n\n\uE002\n\n';
const anonymizer_MARKUP = /[*_~`]/;
/** One anonymizer per retrospective: pseudonyms stay consistent across all the texts it sees. */
function createAnonymizer(roster, options = {}) {
    const matcher = new RosterMatcher(roster);
    const context = {
        logins: new Map(roster.members.map((m, member) => [foldString(m.github), member])),
        emails: new Map(roster.members.flatMap((m, member) => m.email ? [[foldString(m.email), member]] : [])),
    };
    const replacements = Object.fromEntries(policy/* REPLACEMENT_CATEGORIES */.Un.map((c) => [c, 0]));
    const flagged = new Map();
    /** Words of outside names found so far, looked for again everywhere (see findOutsideNames). */
    const known = new Set();
    const flag = (name) => {
        const shown = name
            .replace(/[*_~`]/g, '')
            .replace(/\s+/g, ' ')
            .trim();
        const key = shown.toLowerCase();
        if (!flagged.has(key))
            flagged.set(key, shown);
    };
    const labels = new Map();
    /** `text` holds no placeholder marks of its own (callers strip them). */
    const redactClean = (text) => {
        const folded = foldText(text);
        const taken = new Uint8Array(text.length);
        const isTaken = (start, end) => {
            for (let i = start; i < end; i++)
                if (taken[i])
                    return true;
            return false;
        };
        const accepted = [];
        const accept = (r) => {
            taken.fill(1, r.start, r.end);
            accepted.push(r);
        };
        const contacts = findContacts(folded, context)
            .map((c) => {
            const [start, end] = originalSpan(folded, text, c.from, c.to);
            return { ...c, start, end };
        })
            .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
        for (const c of contacts) {
            if (isTaken(c.start, c.end))
                continue;
            if (c.kind === 'link-markup') {
                accept({ start: c.start, end: c.end, text: '' });
                continue;
            }
            const category = c.member === undefined ? 'contact' : c.kind === 'email' ? 'email' : 'login';
            const marker = c.kind === 'link-target' ? '' : MARKERS[c.kind];
            accept({ start: c.start, end: c.end, text: marker, category });
        }
        const members = [];
        for (const m of matcher.find(folded, text)) {
            const [start, end] = originalSpan(folded, text, m.from, m.to);
            if (isTaken(start, end))
                continue;
            const replacement = m.stand === 'member' ? `${OPEN}${m.member}${CLOSE}` : MARKERS[m.stand];
            members.push({
                start,
                end,
                text: replacement,
                category: m.category,
                ...(m.member === undefined ? {} : { member: m.member }),
            });
        }
        for (const r of coalesce(members, text))
            accept(absorbMarkup(r, text, taken));
        for (const name of findOutsideNames(text, isTaken, options.safetyNet, known)) {
            accept({ start: name.start, end: name.end, text: MARKERS.outside, category: 'outside' });
            flag(name.text);
        }
        accepted.sort((a, b) => a.start - b.start);
        let out = '';
        let at = 0;
        for (const r of accepted) {
            out += text.slice(at, r.start) + r.text;
            at = r.end;
            if (r.category)
                replacements[r.category]++;
        }
        return out + text.slice(at);
    };
    const finish = (text) => text.replace(PLACEHOLDER, (_, member) => {
        let label = labels.get(member);
        if (!label) {
            label = `Member ${pseudonymLetters(labels.size)}`;
            labels.set(member, label);
        }
        return label;
    });
    const redact = (text) => redactClean(text.replace(PRIVATE_MARKS, ''));
    const redactAll = (texts) => {
        if (texts.length === 0)
            return [];
        const parts = redactClean(texts.map((t) => t.replace(PRIVATE_MARKS, '')).join(BETWEEN)).split(BETWEEN);
        if (parts.length !== texts.length)
            throw new Error('anonymize: texts could not be told apart after redaction');
        return parts;
    };
    return {
        redact,
        redactAll,
        finish,
        report: () => ({ replacements: { ...replacements }, flagged: [...flagged.values()] }),
    };
}
/** Anonymizes one text on its own (a fresh set of pseudonyms). */
function anonymize(text, roster, options = {}) {
    const anonymizer = createAnonymizer(roster, options);
    const out = anonymizer.finish(anonymizer.redact(text));
    return { text: out, ...anonymizer.report() };
}
/** A, B, ..., Z, AA, AB, ... */
function pseudonymLetters(index) {
    let n = index;
    let out = '';
    do {
        out = String.fromCharCode(65 + (n % 26)) + out;
        n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    return out;
}
/**
 * "Ana Lima", "Ana **Lima**" or "Pieter van der Berg" found piecewise become one pseudonym, not
 * "Member A Member A".
 */
function coalesce(spans, text) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    const out = [];
    for (const span of sorted) {
        const last = out.at(-1);
        if (last &&
            last.member !== undefined &&
            last.member === span.member &&
            isNameGap(text.slice(last.end, span.start))) {
            last.end = span.end;
            continue;
        }
        out.push({ ...span });
    }
    return out;
}
function isNameGap(gap) {
    // Spaces, emphasis marks and at most one line break: never across a paragraph.
    if (/^[ \t*_~`]*(?:\r?\n[ \t>*_~`]*)?$/.test(gap))
        return gap.length <= 6;
    const words = gap
        .replace(/[*_~`]/g, ' ')
        .trim()
        .split(/\s+/);
    return (words.every((w) => policy/* SURNAME_PARTICLES */.u7.has(w.toLowerCase())) && /^\s/.test(gap) && /\s$/.test(gap));
}
/** A span with emphasis inside ("_Ana_ Lima") takes the marks around it too, so none dangle. */
function absorbMarkup(r, text, taken) {
    if (!anonymizer_MARKUP.test(text.slice(r.start, r.end)))
        return r;
    let start = r.start;
    let end = r.end;
    while (start > 0 && !taken[start - 1] && anonymizer_MARKUP.test(text[start - 1]))
        start--;
    while (end < text.length && !taken[end] && anonymizer_MARKUP.test(text[end]))
        end++;
    return { ...r, start, end };
}

// EXTERNAL MODULE: ./actions/lib/anonymize/gate.ts
var gate = __webpack_require__(3672);
// EXTERNAL MODULE: ./actions/lib/random/seeded.ts
var seeded = __webpack_require__(4210);
;// CONCATENATED MODULE: ./actions/lib/retro/figures.ts
/** A figure about fewer people than this could point at someone; it is left out. */
const MIN_PEOPLE = 3;
const NOT_SHOWN = 'not shown: fewer than 3 people';
const AREAS = ['work', 'family', 'self'];
/** Line colours of the score chart, named in its caption (xychart has no legend). */
const AREA_COLOURS = {
    work: ['#2563eb', 'blue'],
    family: ['#ea580c', 'orange'],
    self: ['#16a34a', 'green'],
};
/** The numbers section: a table, an attendance bar chart and a score line chart, small counts left out. */
function renderFigures(sessions, aggregates, groupSize) {
    const hidden = [];
    const byNumber = new Map(aggregates.map((a) => [a.session, a]));
    const rows = [...sessions]
        .sort((a, b) => a.number - b.number)
        .map((session) => {
        const aggregate = byNumber.get(session.number);
        const row = { session, scores: {}, ...(aggregate ? { aggregate } : {}) };
        if (!aggregate?.held)
            return row;
        const keep = (value, what) => {
            if (value === undefined)
                return undefined;
            if (value < MIN_PEOPLE) {
                hidden.push(`session ${session.number}: ${what}`);
                return undefined;
            }
            return value;
        };
        const attendance = keep(aggregate.attendance, 'attendance');
        const homework = keep(aggregate.homework, 'homework');
        if (attendance !== undefined)
            row.attendance = attendance;
        if (homework !== undefined)
            row.homework = homework;
        for (const area of AREAS) {
            const score = aggregate.scores?.[area];
            if (score && keep(score.people, `${area} score`) !== undefined)
                row.scores[area] = score;
        }
        return row;
    });
    if (rows.every((r) => r.aggregate === undefined)) {
        return { markdown: 'No attendance or homework figures were recorded.\n', hidden };
    }
    const parts = [table(rows), attendanceChart(rows, groupSize), scoreChart(rows)].filter((p) => p !== '');
    if (hidden.length > 0)
        parts.push(`_Some figures are ${NOT_SHOWN} (marked —)._`);
    return { markdown: parts.join('\n\n') + '\n', hidden };
}
function table(rows) {
    const lines = [
        '| Session | Date | Held | Attendance | Homework | Work | Family | Self |',
        '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const r of rows) {
        const a = r.aggregate;
        const held = a === undefined ? 'no record' : a.held ? 'yes' : 'skipped';
        const cell = (shown, recorded) => !a?.held || recorded === undefined ? '' : shown === undefined ? '—' : String(shown);
        const score = (area) => {
            const recorded = a?.scores?.[area];
            if (!a?.held || !recorded)
                return '';
            const shown = r.scores[area];
            return shown ? `${formatScore(shown.average)} (${shown.people})` : '—';
        };
        lines.push(`| ${r.session.number} | ${r.session.date} | ${held} | ${cell(r.attendance, a?.attendance)} | ${cell(r.homework, a?.homework)} | ${score('work')} | ${score('family')} | ${score('self')} |`);
    }
    lines.push('', 'Scores are averages, with the number of people who answered in brackets.');
    return lines.join('\n');
}
function attendanceChart(rows, groupSize) {
    const shown = rows.filter((r) => r.attendance !== undefined);
    if (shown.length === 0)
        return '';
    const values = shown.map((r) => r.attendance);
    const top = Math.max(groupSize, ...values);
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Attendance per session"',
        `  x-axis "Session" [${shown.map((r) => `"S${r.session.number}"`).join(', ')}]`,
        `  y-axis "People" 0 --> ${top}`,
        `  bar [${values.join(', ')}]`,
        '```',
    ].join('\n');
}
function scoreChart(rows) {
    const shown = rows.filter((r) => AREAS.every((area) => r.scores[area] !== undefined));
    if (shown.length === 0)
        return '';
    const all = shown.flatMap((r) => AREAS.map((area) => r.scores[area].average));
    const max = Math.max(...all);
    const top = max <= 5 ? 5 : max <= 10 ? 10 : Math.ceil(max);
    const palette = AREAS.map((area) => AREA_COLOURS[area][0]).join(', ');
    return [
        '```mermaid',
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        `      plotColorPalette: "${palette}"`,
        '---',
        'xychart-beta',
        '  title "Average scores per session"',
        `  x-axis "Session" [${shown.map((r) => `"S${r.session.number}"`).join(', ')}]`,
        `  y-axis "Average score" 0 --> ${top}`,
        ...AREAS.map((area) => `  line [${shown.map((r) => formatScore(r.scores[area].average)).join(', ')}]`),
        '```',
        '',
        `Lines: ${AREAS.map((area) => `${area} (${AREA_COLOURS[area][1]})`).join(', ')}.`,
    ].join('\n');
}
function formatScore(value) {
    return (Math.round(value * 10) / 10).toFixed(1);
}

;// CONCATENATED MODULE: ./actions/lib/retro/merge.ts
/** Two points whose content words overlap this much (Jaccard) say the same thing. */
const NEAR_DUPLICATE = 0.8;
/** Compared per point at most, so a bucket of look-alike points cannot make merging quadratic. */
const MAX_CANDIDATES = 8;
/** Shorter points are merged only when their words are the same. */
const MIN_WORDS_FOR_NEAR = 4;
const STOP_WORDS = new Set(`a an the and or but if so of to in on at by for with from as is are was were be been being it its
  this that these those we our us i me my you your he she they them their his her there here then
  than too very just also really about into over out up down what which who whom when where why how
  do does did doing have has had having can could would should will may might must shall am`.split(/\s+/));
/** Content words, folded and lightly stemmed: "Delegating outcomes" and "delegate the outcome" meet. */
function contentWords(text) {
    const vocabulary = new Vocabulary();
    return vocabulary.idsOf(text).map((id) => vocabulary.word(id));
}
/**
 * Content words as small integers, numbered in order of first appearance. A plain word is hashed
 * and compared where it stands in the lower-cased text and looked up in a table of the words seen
 * so far, so a year of notes makes one string (and one stem) per distinct word, not per word.
 */
class Vocabulary {
    /** Stems by id, and ids by stem. */
    words = [];
    ids = new Map();
    /** Plain words seen so far with their stem's id (-1 for a stop word), by 30-bit hash. */
    seen = new Map();
    seenWords = [];
    seenIds = [];
    /** The next plain word with the same hash, or -1. */
    seenNext = [];
    /** The last text each id was found in, so a text lists each word once. */
    foundIn = [];
    texts = 0;
    word(id) {
        return this.words[id];
    }
    /** The distinct content words of `text`, in order of first appearance. */
    idsOf(text) {
        const stamp = ++this.texts;
        let plain = text;
        if (plain.includes('\uE000'))
            plain = plain.replace(/\uE000(\d+)\uE001/g, ' member$1 ');
        if (plain.includes(']('))
            plain = plain.replace(/\]\([^)]*\)/g, ' ');
        const lower = plain.toLowerCase();
        const out = [];
        let start = -1;
        let joined = '';
        let accented = false;
        /** FNV-1a of the word so far. */
        let hash = merge_FNV_OFFSET;
        for (let i = 0; i <= lower.length; i++) {
            const c = i < lower.length ? lower.charCodeAt(i) : 0;
            if (merge_isWordUnit(c)) {
                if (start < 0) {
                    start = i;
                    hash = merge_FNV_OFFSET;
                }
                if (c >= 0x80)
                    accented = true;
                hash = Math.imul(hash ^ c, merge_FNV_PRIME);
            }
            else if ((c === 0x27 || c === 0x2019) &&
                start >= 0 &&
                merge_isWordUnit(lower.charCodeAt(i + 1))) {
                // "don't" reads "dont"
                joined += lower.slice(start, i);
                start = i + 1;
            }
            else if (start >= 0) {
                const id = accented || joined !== ''
                    ? this.idOf(joined + lower.slice(start, i), accented)
                    : this.idOfPlain(lower, start, i, hash & merge_HASH_MASK);
                if (id >= 0 && this.foundIn[id] !== stamp) {
                    this.foundIn[id] = stamp;
                    out.push(id);
                }
                start = -1;
                joined = '';
                accented = false;
            }
        }
        return out;
    }
    /** The id of the plain word lower[start, end) with the given hash, or -1 for a stop word. */
    idOfPlain(lower, start, end, hash) {
        const first = this.seen.get(hash) ?? -1;
        for (let at = first; at >= 0; at = this.seenNext[at]) {
            if (sameText(this.seenWords[at], lower, start, end))
                return this.seenIds[at];
        }
        const word = lower.slice(start, end);
        const id = this.idOf(word, false);
        this.seen.set(hash, this.seenWords.length);
        this.seenWords.push(word);
        this.seenIds.push(id);
        this.seenNext.push(first);
        return id;
    }
    /** The id of a word's stem, made on first sight; -1 for a stop word. */
    idOf(raw, accented) {
        const word = accented ? raw.normalize('NFKD').replace(/\p{M}/gu, '') : raw;
        if (STOP_WORDS.has(word))
            return -1;
        const stemmed = stem(word);
        let id = this.ids.get(stemmed);
        if (id === undefined) {
            id = this.words.length;
            this.words.push(stemmed);
            this.ids.set(stemmed, id);
            this.foundIn.push(0);
        }
        return id;
    }
}
const merge_FNV_OFFSET = 0x811c9dc5;
const merge_FNV_PRIME = 0x01000193;
/** 30 bits: a Map key V8 keeps unboxed. */
const merge_HASH_MASK = 0x3fffffff;
function sameText(word, source, start, end) {
    if (word.length !== end - start)
        return false;
    for (let k = 0; k < word.length; k++) {
        if (word.charCodeAt(k) !== source.charCodeAt(start + k))
            return false;
    }
    return true;
}
const letterCache = new Map();
/** ASCII letters and digits, and any letter, digit or accent beyond ASCII. */
function merge_isWordUnit(c) {
    if (c < 0x80)
        return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (c >= 0xd800 && c <= 0xdfff)
        return true;
    let known = letterCache.get(c);
    if (known === undefined) {
        known = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
        letterCache.set(c, known);
    }
    return known;
}
/** "delegating", "delegated", "delegates" and "delegate" all become "delegat". */
function stem(word) {
    if (word.length <= 4)
        return word;
    let w = word;
    if (w.endsWith('ing'))
        w = w.slice(0, -3);
    else if (w.endsWith('ed') || w.endsWith('es'))
        w = w.slice(0, -2);
    else if (w.endsWith('s'))
        w = w.slice(0, -1);
    return w.endsWith('e') ? w.slice(0, -1) : w;
}
/**
 * Merges duplicates within each section, keeping the order of first appearance: exact matches of
 * the content words at once, near-duplicates through MinHash buckets (linear, not pairwise).
 */
function mergePoints(points) {
    const vocabulary = new Vocabulary();
    const entries = [];
    // Keyed by the sorted word ids; a numeric key can collide, so a hit is checked word for word.
    const exact = new Map();
    const buckets = Array.from({ length: BANDS }, () => new Map());
    for (const p of points) {
        const words = Int32Array.from(vocabulary.idsOf(p.text));
        words.sort();
        const key = words.length > 0 ? idsKey(words, p.section) : `${p.section}|${p.text.trim().toLowerCase()}`;
        const bands = words.length >= MIN_WORDS_FOR_NEAR ? minHashBands(words, p.section) : undefined;
        const same = exact.get(key);
        const entry = (same && same.point.section === p.section && sameWords(same.words, words)
            ? same
            : undefined) ?? (bands ? nearDuplicate(words, bands, buckets) : undefined);
        if (entry) {
            entry.point.count++;
            if (p.session !== undefined && !entry.sessions.includes(p.session)) {
                entry.sessions.push(p.session);
            }
            entry.point.sessions = entry.sessions.length;
            exact.set(key, entry);
            continue;
        }
        const sessions = p.session === undefined ? [] : [p.session];
        const created = {
            point: { section: p.section, text: p.text.trim(), count: 1, sessions: sessions.length },
            words,
            sessions,
        };
        entries.push(created);
        exact.set(key, created);
        for (let b = 0; bands && b < bands.length; b++) {
            const index = buckets[b];
            const bucket = index.get(bands[b]);
            if (!bucket)
                index.set(bands[b], [created]);
            else if (bucket.length < MAX_BUCKET)
                bucket.push(created);
        }
    }
    return entries.map((e) => e.point);
}
function nearDuplicate(words, bands, buckets) {
    const seen = [];
    for (let b = 0; b < bands.length; b++) {
        const bucket = buckets[b]?.get(bands[b]);
        if (!bucket)
            continue;
        for (const candidate of bucket) {
            if (seen.includes(candidate))
                continue;
            if (seen.length >= MAX_CANDIDATES)
                return undefined;
            seen.push(candidate);
            if (similarEnough(words, candidate.words))
                return candidate;
        }
    }
    return undefined;
}
/** Two hashes of the sorted ids in one safe integer (53 bits), with the section mixed in. */
function idsKey(words, section) {
    let high = SECTION_SALT[section];
    let low = mix(high);
    for (const id of words) {
        high = mix(high ^ id);
        low = Math.imul(low ^ id, 0x01000193) >>> 0;
    }
    return (high & 0x1fffff) * 0x100000000 + low;
}
function sameWords(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/** Jaccard of two sorted id lists is at least NEAR_DUPLICATE; stops as soon as it cannot be. */
function similarEnough(a, b) {
    const small = Math.min(a.length, b.length);
    const large = Math.max(a.length, b.length);
    if (small < NEAR_DUPLICATE * large)
        return false;
    const needed = Math.ceil((NEAR_DUPLICATE * (a.length + b.length)) / (1 + NEAR_DUPLICATE));
    let shared = 0;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        if (shared + Math.min(a.length - i, b.length - j) < needed)
            return false;
        const x = a[i];
        const y = b[j];
        if (x === y) {
            shared++;
            i++;
            j++;
        }
        else if (x < y)
            i++;
        else
            j++;
    }
    return shared >= needed;
}
function jaccard(a, b) {
    let shared = 0;
    for (const w of a)
        if (b.has(w))
            shared++;
    const union = a.size + b.size - shared;
    return union === 0 ? 1 : shared / union;
}
const ROWS = 2;
const BANDS = 4;
const SEEDS = Array.from({ length: ROWS * BANDS }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0);
/** A bucket keeps its first entries only: enough to find a duplicate, never a quadratic scan. */
const MAX_BUCKET = 8;
/** Banded MinHash signature: points that share a band are compared; at s=0.8 they do ~98% of the time. */
function minHashBands(words, section) {
    const salt = SECTION_SALT[section];
    const bands = [];
    for (let b = 0; b < BANDS; b++) {
        let band = salt;
        for (let r = 0; r < ROWS; r++) {
            const seed = SEEDS[b * ROWS + r];
            let min = 0xffffffff;
            for (const word of words) {
                const value = mix(word ^ seed);
                if (value < min)
                    min = value;
            }
            band = mix(band ^ min);
        }
        bands.push(band);
    }
    return bands;
}
const SECTION_SALT = {
    worked: 0x1234567,
    hard: 0x2345678,
    learned: 0x3456789,
    stories: 0x456789a,
};
function mix(value) {
    let x = value >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    x = Math.imul(x, 0x846ca68b);
    x ^= x >>> 16;
    return x >>> 0;
}

// EXTERNAL MODULE: ./actions/lib/templates/front-matter.ts
var front_matter = __webpack_require__(1311);
;// CONCATENATED MODULE: ./actions/lib/retro/notes.ts

/** Headings, checked in this order ("What didn't work" is hard, not worked). */
const HEADING_SECTIONS = [
    [
        /\b(hard|difficult|challeng|struggl|didn.?t work|did not work|went wrong|problems?|issues?|improve|frustrat|tough|obstacles?)/,
        'hard',
    ],
    [/\b(learn|lessons?|insights?|realiz|realis|discover)/, 'learned'],
    [/\b(stor(y|ies)|takeaways?|anecdotes?|examples?|quotes?)/, 'stories'],
    [/\b(work(ed|s)?|went well|good|positive|highlights?|keep|liked|wins?|helped)\b/, 'worked'],
];
/** Free text, sorted by its words ("I learned..." before "it was hard..."). */
const KEYWORD_SECTIONS = [
    [
        /\b(learn(ed|t|ing)?|lessons?|realiz\w*|realis\w*|insights?|discovered|now i know)\b/,
        'learned',
    ],
    [
        /\b(hard|difficult|struggl\w*|challeng\w*|didn.?t work|did not work|went wrong|frustrat\w*|painful|tough|fizzled|stuck|awkward)\b/,
        'hard',
    ],
    [
        /\b(worked( well)?|went well|helped|helpful|liked|loved|great|useful|effective|energi[sz]ing)\b/,
        'worked',
    ],
];
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
/** Reads notes files (front matter optional) into points. */
function readNotesFiles(files, sessions) {
    const points = [];
    const problems = [];
    for (const file of files) {
        let content = file.text;
        let data = {};
        try {
            ;
            ({ data, content } = (0,front_matter/* parseFrontMatter */.e)(file.text, file.path));
        }
        catch (e) {
            problems.push(e instanceof Error ? e.message : `${file.path}: front matter could not be read`);
            content = file.text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
        }
        const session = sessionOf(file.path, data, sessions);
        points.push(...readMarkdown(content, session));
    }
    return { points, problems };
}
/** Reads `/notes` comments into points. */
function readComments(comments) {
    return comments.flatMap((c) => readMarkdown(c.body, c.session));
}
/** `session: 3` or `date: 2026-09-20` in the front matter, else a number or date in the file name. */
function sessionOf(path, data, sessions) {
    const numbered = Number(data['session']);
    if (Number.isInteger(numbered) && numbered > 0)
        return numbered;
    const byDate = (date) => sessions.find((s) => s.date === date)?.number;
    const date = data['date'] instanceof Date
        ? data['date'].toISOString().slice(0, 10)
        : String(data['date'] ?? '');
    const dated = byDate(date) ?? byDate(/(\d{4}-\d{2}-\d{2})/.exec(path)?.[1] ?? '');
    if (dated !== undefined)
        return dated;
    const named = /(?:session|week|s)[-_ ]?0*(\d{1,3})(?!\d)/i.exec(path.split('/').pop() ?? '');
    return named ? Number(named[1]) : undefined;
}
/** Splits markdown into points: each list item and each paragraph, under the section its heading names. */
function readMarkdown(markdown, session) {
    const points = [];
    let section;
    let current = [];
    let currentIndent = -1;
    let inFence = false;
    const flush = () => {
        if (current.length === 0)
            return;
        // Line breaks stay until anonymization: a name may be hyphenated across them ("Kowal-\nski").
        let text = current.length === 1 ? current[0] : current.join('\n');
        if (text.includes('  ') || text.includes('\t'))
            text = text.replace(/[ \t]+/g, ' ');
        text = text.trim();
        if (text.includes('; '))
            text = text.replace(/\s+; /g, '; ');
        current = [];
        currentIndent = -1;
        if (!/[\p{L}\p{N}]{2}/u.test(text))
            return;
        const kind = section ?? classify(text);
        points.push(session === undefined ? { section: kind, text } : { section: kind, text, session });
    };
    for (const raw of stripComments(markdown).split(/\r?\n/)) {
        // Dispatch on the first character: most lines are plain text or a bullet.
        const first = raw.trimStart().charAt(0);
        if ((first === '`' || first === '~') && FENCE.test(raw)) {
            flush();
            inFence = !inFence;
            continue;
        }
        if (inFence)
            continue;
        const line = first === '>' ? raw.replace(/^\s*(?:>\s?)+/, '') : raw;
        const lead = first === '>' ? line.trimStart().charAt(0) : first;
        const heading = lead === '#' ? HEADING.exec(line) : null;
        if (heading) {
            flush();
            section = sectionOfHeading(heading[1]);
            continue;
        }
        if (lead === '' ||
            ('|:-*_'.includes(lead) &&
                (TABLE_RULE.test(line) || /^\s*(?:---+|\*\*\*+|___+)\s*$/.test(line)))) {
            flush();
            continue;
        }
        const item = '-*+0123456789'.includes(lead) ? LIST_ITEM.exec(line) : null;
        if (item) {
            const indent = item[1].length;
            // A nested bullet elaborates its parent: keep them together.
            if (current.length > 0 && currentIndent >= 0 && indent > currentIndent) {
                current.push(`; ${item[2]}`);
                continue;
            }
            flush();
            current.push(item[2]);
            currentIndent = indent;
            continue;
        }
        const text = line.trim();
        current.push(text.includes('|') ? text.replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*/g, ' · ') : text);
    }
    flush();
    return points;
}
function stripComments(markdown) {
    return markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}
function sectionOfHeading(title) {
    const lower = title.toLowerCase();
    return HEADING_SECTIONS.find(([pattern]) => pattern.test(lower))?.[1];
}
/** Where a point written without a known heading goes; stories by default. */
function classify(text) {
    const lower = text.toLowerCase();
    return KEYWORD_SECTIONS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'stories';
}

// EXTERNAL MODULE: ./actions/lib/retro/path.ts
var retro_path = __webpack_require__(8510);
;// CONCATENATED MODULE: ./actions/lib/retro/types.ts
/** The sections of a retrospective, in the order they are printed. */
const SECTIONS = ['worked', 'hard', 'learned', 'stories'];
const SECTION_TITLES = {
    worked: 'What worked',
    hard: 'What was hard',
    learned: 'What we learned',
    stories: 'Stories and takeaways',
};

;// CONCATENATED MODULE: ./actions/lib/retro/compile.ts








/**
 * Compiles a cohort's notes, `/notes` comments, consented reflections and figures into one
 * anonymized retrospective. Pure: the caller reads the files and writes the result, and writes
 * nothing when `report.leaks` is not empty (then `markdown` is empty too).
 */
function compileRetro(input) {
    const { group, date } = input;
    const path = (0,retro_path/* retroPath */.O)(group.slug, date);
    const anonymizer = createAnonymizer(group, input.anonymizer ?? {});
    const sessions = [...input.sessions]
        .filter((s) => s.date <= date)
        .sort((a, b) => a.number - b.number);
    const notes = readNotesFiles(input.notes ?? [], sessions);
    const points = [...notes.points, ...readComments(input.comments ?? [])];
    // Anonymize before merging, so "Ana said X" and "@ana said X" are one point.
    const redacted = anonymizer.redactAll(points.map((p) => p.text));
    const merged = mergePoints(points.map((p, i) => ({ section: p.section, text: redacted[i], session: p.session })));
    const consented = (input.reflections ?? []).filter((r) => r?.consent === true);
    const quotes = quotesOf(consented, anonymizer, `${group.slug}:${date}`);
    const themes = themesOf(sessions, anonymizer);
    const [groupName] = anonymizer.redactAll([group.name]);
    const figures = renderFigures(sessions, input.aggregates ?? [], group.members.length);
    const draft = [
        `# Retrospective: ${oneLine(groupName)}`,
        intro(sessions, date),
        cohort(group.weekly, group.then, sessions, input.aggregates ?? []),
        themes,
        ...SECTIONS.map((section) => pointsSection(SECTION_TITLES[section], merged.filter((p) => p.section === section))),
        quotes,
        `## Figures\n\n${figures.markdown}`,
    ]
        .filter((part) => part !== '')
        .join('\n\n');
    const markdown = anonymizer.finish(draft.trimEnd() + '\n');
    const leaks = (0,gate/* createLeakGate */.fP)(group).scan(markdown);
    const { replacements, flagged } = anonymizer.report();
    return {
        path,
        markdown: leaks.length === 0 ? markdown : '',
        report: {
            replacements,
            flagged,
            leaks,
            hidden: figures.hidden,
            problems: notes.problems,
            points: { read: points.length, kept: merged.length },
        },
    };
}
function intro(sessions, date) {
    const span = sessions.length > 0 ? `${sessions[0]?.date} to ${sessions.at(-1)?.date}` : 'no sessions yet';
    return [
        `_${span} · compiled ${date}._`,
        '',
        '> Anonymized for the next organizer. Members appear as Member A, Member B, ... (letters are',
        '> assigned anew in each retrospective), other people as [someone], employers as [a company].',
        '> No point is attributed, repeated points are merged, and figures about fewer than 3 people',
        '> are left out.',
    ].join('\n');
}
function cohort(weekly, then, sessions, aggregates) {
    const recorded = new Map(aggregates.map((a) => [a.session, a.held]));
    const held = sessions.filter((s) => recorded.get(s.number) === true).length;
    const skipped = sessions.filter((s) => recorded.get(s.number) === false).length;
    const unknown = sessions.length - held - skipped;
    const followUps = sessions.filter((s) => s.kind === 'monthly' || s.kind === 'biweekly').length;
    const cadence = then === 'none'
        ? `${weekly} weekly meetings`
        : `${weekly} weekly meetings, then ${then} (${followUps} follow-up${followUps === 1 ? '' : 's'} so far)`;
    const counts = [`${sessions.length} scheduled`, `${held} held`, `${skipped} skipped`];
    if (unknown > 0)
        counts.push(`${unknown} without a record`);
    const dates = sessions.length > 0 ? `${sessions[0]?.date} to ${sessions.at(-1)?.date}` : 'none yet';
    return [
        '## The cohort',
        '',
        `- **Dates:** ${dates}`,
        `- **Cadence:** ${cadence}`,
        `- **Sessions:** ${counts.join(', ')}`,
    ].join('\n');
}
function themesOf(sessions, anonymizer) {
    const themed = sessions.filter((s) => s.kind === 'theme' && s.theme);
    if (themed.length === 0)
        return '';
    const titles = anonymizer.redactAll(themed.map((s) => s.theme));
    const lines = themed.map((s, i) => `- ${s.week ? `Week ${s.week}` : `Session ${s.number}`} (${s.date}): ${oneLine(titles[i])}`);
    return ['## Themes covered', '', ...lines].join('\n');
}
function pointsSection(title, points) {
    if (points.length === 0)
        return `## ${title}\n\n_Nothing recorded._`;
    const lines = [`## ${title}`, ''];
    for (const p of byRecurrence(points)) {
        lines.push(`- ${escapeLineStart(oneLine(p.text))}${recurrence(p)}`);
    }
    return lines.join('\n');
}
/**
 * Points that came up in the most sessions first, then the most often; otherwise in the order they
 * were first written. Grouped rather than sorted: nearly all points share a few counts.
 */
function byRecurrence(points) {
    // sessions → count → the points, each list in the order written
    const groups = new Map();
    for (const p of points) {
        let byCount = groups.get(p.sessions);
        if (!byCount)
            groups.set(p.sessions, (byCount = new Map()));
        const group = byCount.get(p.count);
        if (group)
            group.push(p);
        else
            byCount.set(p.count, [p]);
    }
    const descending = (map) => [...map].sort(([a], [b]) => b - a);
    return descending(groups).flatMap(([, byCount]) => descending(byCount).flatMap(([, group]) => group));
}
function recurrence(p) {
    if (p.sessions > 1)
        return ` _(came up in ${p.sessions} sessions)_`;
    if (p.count > 1)
        return ` _(came up ${p.count} times)_`;
    return '';
}
function quotesOf(reflections, anonymizer, seed) {
    const learned = reflections.map((r) => r.learned).filter(isText);
    const inAYear = reflections.map((r) => r.inAYear).filter(isText);
    if (learned.length + inAYear.length === 0)
        return '';
    const block = (title, texts) => {
        if (texts.length === 0)
            return [];
        // Shuffled so the order cannot be matched to the order people answered in.
        const shuffled = (0,seeded/* seededShuffle */.O)(anonymizer.redactAll(texts), `${seed}:${title}`);
        return [`### ${title}`, '', ...shuffled.flatMap((q) => [quote(q), ''])];
    };
    return [
        '## In their own words',
        '',
        '_Shared with consent at the closing session, unattributed and in no particular order._',
        '',
        ...block('What I learned', learned),
        ...block('Where I want to be in a year', inAYear),
    ]
        .join('\n')
        .trimEnd();
}
function isText(value) {
    return typeof value === 'string' && value.trim() !== '';
}
function quote(text) {
    return text
        .trim()
        .split(/\r?\n/)
        .map((line) => (line.trim() === '' ? '>' : `> ${line.trim()}`))
        .join('\n');
}
/** One line for a list item; a word hyphenated at a line break keeps its hyphen ("self-care"). */
function oneLine(text) {
    // Points are read with runs of spaces already collapsed; only line breaks need work.
    if (!text.includes('\n'))
        return text.trim();
    return text
        .replace(/(\p{L})([-\u2010\u2011])[ \t]*\r?\n\s*(\p{L})/gu, '$1$2$3')
        .replace(/\s+/g, ' ')
        .trim();
}
/** A point is one list item: a leading "#", ">" or "1." must not turn it into something else. */
function escapeLineStart(text) {
    const first = text.charCodeAt(0);
    if (first !== 0x23 && first !== 0x3e && (first < 0x30 || first > 0x39))
        return text;
    return text.replace(/^([#>]|\d+[.)](?=\s))/, '\\$1');
}


/***/ })

};
