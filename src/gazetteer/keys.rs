//! A sorted list of name keys, each pointing at its city, with a range-minimum tree that gives
//! the most populous cities among the keys starting with a query in a few steps each.
//!
//! Cities are numbered most populous first, so "most populous" is "smallest number". Sorting
//! is a radix sort written out here, with index loops: the standard library's sort is generic,
//! so debug builds compile it without optimization, and it would take most of a second on
//! these 200,000 keys.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

#[derive(Clone, Copy, Default)]
struct Entry {
    /// Where the key starts in `Keys::text`, and its length in bytes.
    start: u32,
    len: u16,
    /// Which of the city's names this key was made from (its alternate names, in file order).
    ordinal: u16,
    city: u32,
}

/// A city found, with the names (ordinal, whole-key match) through which it was found.
pub(super) struct Hit {
    pub city: u32,
    pub main: bool,
    pub names: Vec<(u16, bool)>,
}

#[derive(Default)]
pub(super) struct Keys {
    text: Vec<u8>,
    entries: Vec<Entry>,
    /// A bottom-up segment tree over `entries`: per node, the position of the entry with the
    /// smallest city number below it; leaves at `entries.len()..`.
    tree: Vec<u32>,
}

impl Keys {
    /// Adds the key `make` writes (nothing when it writes nothing or `skip`).
    pub fn push(&mut self, city: u32, ordinal: u16, skip: &[u8], make: impl FnOnce(&mut Vec<u8>)) {
        let start = self.text.len();
        make(&mut self.text);
        let key = self.text.get(start..).unwrap_or_default();
        match (u32::try_from(start), u16::try_from(key.len())) {
            (Ok(start), Ok(len)) if len > 0 && key != skip => self.entries.push(Entry {
                start,
                len,
                ordinal,
                city,
            }),
            _ => self.text.truncate(start),
        }
    }

    /// Sorts the keys and builds the tree; call once, after the last `push`.
    pub fn finish(&mut self) {
        self.sort();
        let n = self.entries.len();
        let mut tree = vec![0u32; 2 * n];
        let mut i = 0;
        while i < n {
            tree[n + i] = i as u32;
            i += 1;
        }
        let mut node = n;
        while node > 1 {
            node -= 1;
            tree[node] = self.better(tree[2 * node], tree[2 * node + 1]);
        }
        self.tree = tree;
    }

    fn key(&self, position: usize) -> &[u8] {
        let e = &self.entries[position];
        &self.text[e.start as usize..e.start as usize + e.len as usize]
    }

    fn better(&self, a: u32, b: u32) -> u32 {
        let entries = &self.entries[..];
        if entries[b as usize].city < entries[a as usize].city {
            b
        } else {
            a
        }
    }

    /// LSD radix sort on the first eight bytes, then insertion sort among keys sharing them.
    fn sort(&mut self) {
        let text = &self.text[..];
        let entries = &self.entries[..];
        let n = entries.len();
        let mut items = vec![(0u64, Entry::default()); n];
        let mut spare = items.clone();
        let mut i = 0;
        while i < n {
            let e = entries[i];
            let (start, len) = (e.start as usize, e.len as usize);
            let mut head = 0u64;
            let mut k = 0;
            while k < 8 {
                head = (head << 8)
                    | if k < len {
                        u64::from(text[start + k])
                    } else {
                        0
                    };
                k += 1;
            }
            items[i] = (head, e);
            i += 1;
        }
        let mut counts = vec![0usize; 1 << 16];
        for shift in [0, 16, 32, 48] {
            let (from, to, counts) = (&items[..], &mut spare[..], &mut counts[..]);
            counts.fill(0);
            let mut i = 0;
            while i < n {
                counts[(from[i].0 >> shift) as usize & 0xFFFF] += 1;
                i += 1;
            }
            let (mut digit, mut total) = (0, 0);
            while digit < counts.len() {
                (counts[digit], total) = (total, total + counts[digit]);
                digit += 1;
            }
            let mut i = 0;
            while i < n {
                let digit = (from[i].0 >> shift) as usize & 0xFFFF;
                to[counts[digit]] = from[i];
                counts[digit] += 1;
                i += 1;
            }
            std::mem::swap(&mut items, &mut spare);
        }
        let full = |e: &Entry| &text[e.start as usize..e.start as usize + e.len as usize];
        let items_slice = &mut items[..];
        let mut run = 0;
        let mut i = 1;
        while i <= n {
            if i < n && items_slice[i].0 == items_slice[run].0 {
                i += 1;
                continue;
            }
            let mut j = run + 1;
            while j < i {
                let mut k = j;
                while k > run && full(&items_slice[k - 1].1) > full(&items_slice[k].1) {
                    items_slice.swap(k - 1, k);
                    k -= 1;
                }
                j += 1;
            }
            run = i;
            i += 1;
        }
        let sorted = &mut self.entries[..];
        let mut i = 0;
        while i < n {
            sorted[i] = items[i].1;
            i += 1;
        }
    }

    /// The positions of the keys equal to `key`, or (`prefix`) starting with it.
    pub fn range(&self, key: &[u8], prefix: bool) -> Range<usize> {
        let start = self.partition(|k| k < key);
        let end = if prefix {
            self.partition(|k| k < key || k.starts_with(key))
        } else {
            self.partition(|k| k <= key)
        };
        start..end
    }

    fn partition(&self, before: impl Fn(&[u8]) -> bool) -> usize {
        let (mut low, mut high) = (0, self.entries.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if before(self.key(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The position of the entry with the most populous city in `range`.
    fn best_in(&self, range: Range<usize>) -> Option<u32> {
        let n = self.entries.len();
        let (mut l, mut r) = (range.start + n, range.end + n);
        let mut best: Option<u32> = None;
        while l < r {
            if l & 1 == 1 {
                best = Some(best.map_or(self.tree[l], |b| self.better(b, self.tree[l])));
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                best = Some(best.map_or(self.tree[r], |b| self.better(b, self.tree[r])));
            }
            l >>= 1;
            r >>= 1;
        }
        best
    }

    /// Adds to `hits` the most populous cities with a key in `range` that it does not hold
    /// yet, until it holds `limit`; for alternate names, notes each name that matched (those
    /// of one city come out of the heap together). Each step costs a few tree walks, however
    /// wide the range, so a one-letter prefix costs about what a whole name does.
    pub fn most_populous(
        &self,
        range: Range<usize>,
        key_len: usize,
        limit: usize,
        hits: &mut Vec<Hit>,
        main: bool,
    ) {
        let mut heap = BinaryHeap::new();
        let push = |heap: &mut BinaryHeap<_>, range: Range<usize>| {
            if let Some(at) = self.best_in(range.clone()) {
                let city = self.entries[at as usize].city;
                heap.push(Reverse((city, at as usize, range.start, range.end)));
            }
        };
        push(&mut heap, range);
        while let Some(Reverse((city, at, start, end))) = heap.pop() {
            if !hits.iter().any(|h| h.city == city) {
                if hits.len() >= limit {
                    break;
                }
                hits.push(Hit {
                    city,
                    main,
                    names: Vec::new(),
                });
            }
            if let Some(hit) = hits
                .last_mut()
                .filter(|h| h.city == city && !h.main && !main)
            {
                let entry = self.entries[at];
                hit.names
                    .push((entry.ordinal, usize::from(entry.len) == key_len));
            }
            push(&mut heap, start..at);
            push(&mut heap, at + 1..end);
        }
    }
}
