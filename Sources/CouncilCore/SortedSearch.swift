extension RandomAccessCollection {
    /// A binary search: in a collection sorted so that `isBefore` holds for a first stretch of it and for nothing
    /// after, where that stretch ends — the first element not before the one sought, or `endIndex`. (Not the
    /// standard library's `firstIndex(where:)`, which looks at every element for the first that matches.)
    func binarySearchFirst(notBefore isBefore: (Element) -> Bool) -> Index {
        var low = startIndex
        var remaining = count
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
