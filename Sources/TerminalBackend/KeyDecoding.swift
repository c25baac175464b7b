import CNCurses
import TriageUI

/// Turns what `wget_wch` returns into `Key`s, and mouse states into `MouseEvent`s, so that nothing
/// above the backend sees an ncurses constant.
enum KeyDecoding {
    /// A key code (`wget_wch` returned KEY_CODE_YES). KEY_MOUSE and KEY_RESIZE are handled by the
    /// caller; unknown codes give nil.
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1, KEY_FIND: return .home
        case KEY_END, KEY_C1, KEY_SELECT: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case cnc_key_f(1)...cnc_key_f(63): return .function(Int(code - cnc_key_f(0)))
        default: return nil
        }
    }

    /// A character (`wget_wch` returned OK): a Unicode scalar value, or a control character.
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A mouse report: button 1 press and release, wheel up and down (buttons 4 and 5).
    static func mouse(state: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if state & cnc_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & cnc_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & (cnc_button1_pressed() | cnc_button1_clicked()) != 0 {
            kind = .press
        } else if state & cnc_button1_released() != 0 {
            kind = .release
        } else {
            return nil
        }
        return MouseEvent(kind: kind, x: Int(x), y: Int(y))
    }

    /// The mouse events the console asks the terminal for.
    static var mouseMask: mmask_t {
        cnc_button1_pressed() | cnc_button1_released() | cnc_button4_pressed() | cnc_button5_pressed()
    }
}
