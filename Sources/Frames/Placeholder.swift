public enum FramesPlaceholder {}
