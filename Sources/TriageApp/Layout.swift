import TriageUI

/// Where each pane sits for a terminal size: a header line, the ranked list, the slider row, the detail
/// pane and the status bar, top to bottom. Pure, so the update step can hit-test mouse clicks with the
/// same geometry the view draws.
public enum Layout {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public static func isTooSmall(_ size: (width: Int, height: Int)) -> Bool {
        size.width < minimumWidth || size.height < minimumHeight
    }

    public static func headerArea(_ size: (width: Int, height: Int)) -> Rect {
        Rect(x: 0, y: 0, width: size.width, height: 1)
    }

    /// The list box, border included.
    public static func listArea(_ size: (width: Int, height: Int)) -> Rect {
        let available = size.height - 3
        let height = max(6, available * 45 / 100)
        return Rect(x: 0, y: 1, width: size.width, height: height)
    }

    /// Rows of beacons the list box shows (inside the border, under its header row).
    public static func listRows(_ size: (width: Int, height: Int)) -> Int {
        max(1, listArea(size).height - 3)
    }

    public static func sliderArea(_ size: (width: Int, height: Int)) -> Rect {
        Rect(x: 0, y: listArea(size).maxY, width: size.width, height: 1)
    }

    public static func detailArea(_ size: (width: Int, height: Int)) -> Rect {
        let top = sliderArea(size).maxY
        return Rect(x: 0, y: top, width: size.width, height: size.height - 1 - top)
    }

    public static func statusArea(_ size: (width: Int, height: Int)) -> Rect {
        Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
    }
}
