public enum CouncilCorePlaceholder {}
