import Testing
@testable import TOML

/// Keys, tables, inline tables and arrays of tables as the TOML 1.0.0 spec shows them, with the lines
/// the parser must remember for each key and table.
@Suite struct SpecTableTests {
    @Test func bareQuotedAndEmptyKeys() throws {
        let table = try #require(parsed("""
            key = "value"
            bare_key = "value"
            bare-key = "value"
            1234 = "value"
            "127.0.0.1" = "value"
            "character encoding" = "value"
            "ʎǝʞ" = "value"
            'key2' = "value"
            'quoted "value"' = "value"
            "" = "blank"
            """))
        #expect(table.keys == ["key", "bare_key", "bare-key", "1234", "127.0.0.1", "character encoding", "ʎǝʞ", "key2",
                               "quoted \"value\"", ""])
        #expect(table.line(of: "ʎǝʞ") == 7)
        #expect(table[""] == .string("blank"))
        #expect(parsed("'' = 'blank'")?[""] == .string("blank"))
    }

    @Test func dottedKeysMakeTables() throws {
        let table = try #require(parsed("""
            name = "Orange"
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            fruit.name = "banana"     # this is best practice
            fruit. color = "yellow"    # same as fruit.color
            fruit . flavor = "banana"   # same as fruit.flavor
            3.14159 = "pi"
            """))
        #expect(table.keys == ["name", "physical", "site", "fruit", "3"])
        let physical = try #require(table["physical"]?.table)
        #expect(physical.keys == ["color", "shape"] && physical["shape"] == .string("round"))
        #expect(physical.line == 2 && physical.line(of: "shape") == 3)
        #expect(table["site"]?.table?["google.com"] == .boolean(true))
        #expect(table["fruit"]?.table?.keys == ["name", "color", "flavor"])
        #expect(table["3"]?.table?["14159"] == .string("pi"))
    }

    @Test func dottedKeysMayAddToTheirTablesOutOfOrder() throws {
        let table = try #require(parsed("""
            fruit.apple.smooth = true
            fruit.orange = 2
            apple.type = "fruit"
            orange.type = "fruit"
            apple.skin = "thin"
            orange.skin = "thick"
            """))
        #expect(table["fruit"]?.table?["apple"]?.table?["smooth"] == .boolean(true))
        #expect(table["fruit"]?.table?["orange"] == .integer(2))
        #expect(table["apple"]?.table?.keys == ["type", "skin"])
        #expect(table["orange"]?.table?["skin"] == .string("thick"))
    }

    @Test func tablesAndTheirLines() throws {
        let table = try #require(parsed("""
            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456

            [dog."tater.man"]
            type.name = "pug"

            [a.b.c]            # this is best practice
            [ d.e.f ]          # same as [d.e.f]
            [ g .  h  . i ]    # same as [g.h.i]
            [ j . "ʞ" . 'l' ]  # same as [j."ʞ".'l']
            """))
        #expect(table.keys == ["table-1", "table-2", "dog", "a", "d", "g", "j"])
        #expect(table["table-2"]?.table?["key2"] == .integer(456))
        #expect(table["table-2"]?.table?.line == 5)
        #expect(table.line(of: "table-2") == 5)
        #expect(table["table-2"]?.table?.line(of: "key1") == 6)
        #expect(table["dog"]?.table?["tater.man"]?.table?["type"]?.table?["name"] == .string("pug"))
        #expect(table["a"]?.table?["b"]?.table?["c"] == .table(TOMLTable()))
        #expect(table["g"]?.table?["h"]?.table?["i"]?.table?.line == 14)
        #expect(table["j"]?.table?["ʞ"]?.table?["l"] == .table(TOMLTable()))
    }

    @Test func aSuperTableMayBeDefinedAfterItsSubTables() throws {
        let table = try #require(parsed("""
            # [x] you
            # [x.y] don't
            # [x.y.z] need these
            [x.y.z.w] # for this to work

            [x] # defining a super-table afterward is ok
            k = 1
            """))
        let x = try #require(table["x"]?.table)
        #expect(x.keys == ["y", "k"])
        // Named first on line 4; defined by its own header on line 6.
        #expect(table.line(of: "x") == 4 && x.line == 6)
        #expect(x["y"]?.table?["z"]?.table?["w"] == .table(TOMLTable()))
    }

    @Test func tablesInAnyOrderAndTheRootTable() throws {
        let table = try #require(parsed("""
            # Top-level table begins.
            name = "Fido"
            breed = "pug"

            # Top-level table ends.
            [owner]
            name = "Regina Dogman"
            member_since = 1999-08-04

            [fruit.apple]
            [animal]
            [fruit.orange]
            """))
        #expect(table.keys == ["name", "breed", "owner", "fruit", "animal"])
        #expect(table["owner"]?.table?["member_since"] == .localDate(try #require(TOMLDate(year: 1999, month: 8, day: 4))))
        #expect(table["fruit"]?.table?.keys == ["apple", "orange"])
    }

    @Test func dottedKeysInATableAndSubTablesBeneathThem() throws {
        let table = try #require(parsed("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            [fruit.apple.texture]  # you can add sub-tables
            smooth = true
            """))
        let apple = try #require(table["fruit"]?.table?["apple"]?.table)
        #expect(apple.keys == ["color", "taste", "texture"])
        #expect(apple["taste"]?.table?["sweet"] == .boolean(true))
        #expect(apple["texture"]?.table?["smooth"] == .boolean(true))
    }

    @Test func inlineTables() throws {
        let table = try #require(parsed("""
            name = { first = "Tom", last = "Preston-Werner" }
            point = { x = 1, y = 2 }
            animal = { type.name = "pug" }
            empty = {}
            points = [ { x = 1, y = 2, z = 3 },
                       { x = 7, y = 8, z = 9 },
                       { x = 2, y = 4, z = 8 } ]
            """))
        #expect(table["name"]?.table?.keys == ["first", "last"])
        #expect(table["name"]?.table?["last"] == .string("Preston-Werner"))
        #expect(table["point"]?.table?["y"] == .integer(2))
        #expect(table["animal"]?.table?["type"]?.table?["name"] == .string("pug"))
        #expect(table["empty"] == .table(TOMLTable()))
        let points = try #require(table["points"]?.array)
        #expect(points.count == 3)
        #expect(points[1].table?["y"] == .integer(8))
        #expect(points[2].table?.line == 7)
    }

    @Test func arraysOfTables() throws {
        let table = try #require(parsed("""
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # empty table within the array

            [[products]]
            name = "Nail"
            sku = 284758393

            color = "gray"
            """))
        let products = try #require(table["products"]?.array)
        #expect(products.count == 3)
        #expect(products[0].table?["sku"] == .integer(738_594_937))
        #expect(products[1] == .table(TOMLTable()))
        #expect(products[2].table?.keys == ["name", "sku", "color"])
        #expect(products.map { $0.table?.line } == [1, 5, 7])
        #expect(products[2].table?.line(of: "color") == 11)
    }

    @Test func nestedArraysOfTablesAndSubTables() throws {
        let table = try #require(parsed("""
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"


            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """))
        let fruits = (table["fruits"]?.array ?? []).compactMap { $0.table }
        #expect(fruits.count == 2)
        #expect(fruits[0].keys == ["name", "physical", "varieties"])
        #expect(fruits[0]["physical"]?.table?["shape"] == .string("round"))
        #expect(fruits[0]["varieties"]?.array?.compactMap { $0.table?["name"]?.string } == ["red delicious", "granny smith"])
        #expect(fruits[1]["varieties"]?.array?.compactMap { $0.table?["name"]?.string } == ["plantain"])
        #expect(fruits[1].line == 15)
        #expect(fruits[1]["varieties"]?.array?.first?.table?.line == 18)
    }

    @Test func equalityIsOfContentNotOfOrderOrPlace() throws {
        let one = try #require(parsed("a = 1\nb = [2]\n"))
        let other = try #require(parsed("\n\nb = [ 2, ]\na = 1"))
        #expect(one == other)
        let floats = try #require(parsed("a = 1\nb = [2.0]\n"))
        #expect(one != floats)
    }

    @Test func aByteOrderMarkIsSkippedAndBytesMustBeUTF8() throws {
        #expect(parsed("\u{FEFF}a = 1\n")?["a"] == .integer(1))
        #expect(throws: TOMLError(line: 2, column: 6, message: "not valid UTF-8")) {
            try TOMLDocument.parse(bytes: Array("a = 1\nb = \"".utf8) + [0xC3, 0x28, 0x22])
        }
    }
}
