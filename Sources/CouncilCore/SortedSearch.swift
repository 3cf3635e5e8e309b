extension RandomAccessCollection {
    /// In a collection sorted so that `isBefore` holds for a first stretch of it and for nothing after, where
    /// that stretch ends (a binary search): the first element not before the one sought, or `endIndex`.
    func firstIndex(notBefore isBefore: (Element) -> Bool) -> Index {
        var low = startIndex, remaining = count
        while remaining > 0 {
            let half = remaining / 2
            let middle = index(low, offsetBy: half)
            if isBefore(self[middle]) {
                low = index(after: middle)
                remaining -= half + 1
            } else {
                remaining = half
            }
        }
        return low
    }
}
